/**
 * Where the family's letters go (issue #17): for each addressee of the case's letters (the
 * consenters, and the young person), the national identity number SvarUt addresses digital post
 * by and the postal address it prints to. KE records them here, beside the case like its målform;
 * the delivery of a letter (activities/delivery.ts) reads them when it sends. An addressee without
 * an entry gets the letter by hand, and KE has a task for it.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shortText } from '../../workflows/case/commands';
import { sameName } from '../../workflows/case/names';
import { badRequest, notFound } from '../errors';
import { idParams, reasonHeaders } from '../schemas';

const nationalId = z.string().regex(/^\d{11}$/, 'must be 11 digits').describe('Fødselsnummer or d-nummer (11 digits): SvarUt sends to the digital mailbox of this person');

const fields = {
  name: shortText.describe("The addressee's name, as the case has it: a consenter or the young person"),
  addressLines: z.array(shortText).min(1).max(3).describe('Street address (or c/o, postboks), one to three lines'),
  postalCode: z.string().trim().regex(/^\d{4}$/, 'must be 4 digits (Norwegian postnummer)').describe('Postnummer'),
  city: shortText.describe('Poststed'),
};

const contact = z.strictObject({ ...fields, nationalId: nationalId.nullable().optional() }).meta({ id: 'CaseContactEntry' });
const stored = z.object({ ...fields, nationalId: nationalId.nullable(), updatedAt: z.string() }).meta({ id: 'CaseContact' });
const contactList = z.object({ contacts: z.array(stored) }).meta({ id: 'CaseContacts' });

const routes: FastifyPluginAsyncZod = async (app) => {
  /** Who the case's letters can be addressed to; 404 when there is no such case. */
  async function addresseesOf(caseId: string): Promise<string[]> {
    const view = await app.cases.find(caseId);
    if (!view) throw notFound(`no case ${caseId}`);
    return [view.request.child.name, ...view.request.consenters.map((c) => c.name)];
  }

  async function list(caseId: string) {
    const { rows } = await app.pg.query<{ name: string; national_id: string | null; address_lines: string[]; postal_code: string; city: string; updated_at: Date }>(
      'SELECT name, national_id, address_lines, postal_code, city, updated_at FROM case_contacts WHERE case_id = $1 ORDER BY name',
      [caseId],
    );
    return {
      contacts: rows.map((r) => ({ name: r.name, nationalId: r.national_id, addressLines: r.address_lines, postalCode: r.postal_code, city: r.city, updatedAt: r.updated_at.toISOString() })),
    };
  }

  app.get(
    '/cases/:id/contacts',
    {
      config: { access: { roles: ['ke'], case: 'read' } },
      schema: {
        tags: ['cases'],
        operationId: 'listCaseContacts',
        summary: "Where the case's letters go: each addressee's national identity number and postal address",
        params: idParams,
        headers: reasonHeaders,
        response: { 200: contactList },
      },
    },
    async (request) => {
      await addresseesOf(request.params.id);
      return list(request.params.id);
    },
  );

  app.put(
    '/cases/:id/contacts',
    {
      config: { access: { roles: ['ke'], case: 'change' } },
      schema: {
        tags: ['cases'],
        operationId: 'putCaseContacts',
        summary: "Record where the case's letters go (replaces the list); letters sent from now on use it",
        params: idParams,
        body: z.strictObject({ contacts: z.array(contact).max(10) }),
        response: { 200: contactList },
      },
    },
    async (request) => {
      const addressees = await addresseesOf(request.params.id);
      request.body.contacts.forEach((c, i, all) => {
        if (!addressees.some((a) => sameName(a, c.name))) throw badRequest(`contacts[${i}].name: ${JSON.stringify(c.name)} is neither the child nor a consenter of the case`);
        if (all.slice(0, i).some((earlier) => sameName(earlier.name, c.name))) throw badRequest(`contacts[${i}].name: ${JSON.stringify(c.name)} is given twice`);
      });
      const client = await app.pg.connect();
      try {
        await client.query('BEGIN');
        await client.query('DELETE FROM case_contacts WHERE case_id = $1', [request.params.id]);
        for (const c of request.body.contacts) {
          await client.query(
            'INSERT INTO case_contacts (case_id, name, national_id, address_lines, postal_code, city) VALUES ($1, $2, $3, $4, $5, $6)',
            [request.params.id, c.name, c.nationalId ?? null, c.addressLines, c.postalCode, c.city],
          );
        }
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
      return list(request.params.id);
    },
  );
};

export default routes;
