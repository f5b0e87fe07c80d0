/**
 * The municipality's register entry (lib/municipalities.ts), kept by its administrator: what its
 * letters, reminders and reports say about it, the målform, the complaint address and the case
 * policy. Each administrator sees and changes their own municipality only (the token's
 * kommunenummer); every change is kept with who and when. Staff read the public part.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policySchema } from '../../lib/config';
import { StaleMunicipality, type Municipality } from '../../lib/municipalities';
import { DEFAULT_POLICY } from '../../workflows/case/policy';
import { shortText } from '../../workflows/case/commands';
import { preconditionFailed } from '../errors';
import { principalOf, scopeOf } from '../plugins/auth';
import { ifMatchHeaders, setVersionTag, versionExpected } from '../versions';

const ADMIN = { roles: ['admin'] } as const;

const address = z.string().trim().min(1).max(300);
const logo = z
  .string()
  .max(200_000)
  .regex(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/]+=*$/, 'a PNG, JPEG or SVG image as a base64 data: URL')
  .describe('The letterhead logo as a data: URL (at most about 150 KB)');

const malform = z.enum(['nb', 'nn']).describe('The målform letters and reminders are written in: bokmål (nb) or nynorsk (nn)');

const settingsBody = z.strictObject({
  name: shortText.describe('The municipality\'s name, as letters sign with it, e.g. "Stord kommune"'),
  kePostalAddress: address.describe("KE's postal address"),
  keVisitingAddress: address.nullable().default(null).describe("KE's visiting address"),
  keEmail: z.email().max(200).nullable().default(null).describe("KE's e-mail address for families and collaborators"),
  kePhone: z
    .string()
    .regex(/^\+?[0-9 ]{8,20}$/, 'a telephone number: digits and spaces, 8 to 20, an optional leading +')
    .nullable()
    .default(null),
  letterheadName: shortText.describe('The name at the head of letters, e.g. "Stord kommune – koordinerande eining"'),
  letterheadLogo: logo.nullable().default(null),
  malform,
  complaintAddress: address.describe('Where a complaint is sent; as a rule KE, which decided (fvl § 32)'),
  casePolicy: policySchema.partial().strict().default({}).describe('Deadlines that differ from the defaults; the rest keep theirs'),
});

const fieldsView = z.object({
  name: z.string(),
  kePostalAddress: z.string(),
  keVisitingAddress: z.string().nullable(),
  keEmail: z.string().nullable(),
  kePhone: z.string().nullable(),
  letterheadName: z.string(),
  letterheadLogo: z.string().nullable(),
  malform,
  complaintAddress: z.string(),
  casePolicy: policySchema.meta({ id: 'CasePolicy' }),
});

const municipalityView = fieldsView
  .extend({
    number: z.string().describe('The kommunenummer'),
    version: z.number().int().describe('0 while the municipality has no entry and the deployment\'s defaults apply'),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().describe('Who made the last change; "environment" for the deployment\'s defaults'),
  })
  .meta({ id: 'Municipality' });

const publicView = z
  .object({ number: z.string(), name: z.string(), malform, kePostalAddress: z.string(), keEmail: z.string().nullable(), kePhone: z.string().nullable() })
  .meta({ id: 'MunicipalitySummary' });

const changeList = z
  .object({
    changes: z.array(
      z.object({
        version: z.number().int(),
        settings: fieldsView.describe('The settings as the change left them'),
        changedBy: z.string(),
        changedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'MunicipalityChanges' });

const municipalityRoutes: FastifyPluginAsyncZod = async (app) => {
  const answer = (reply: { header(name: string, value: string): unknown }, m: Municipality) => {
    setVersionTag(reply as never, m.version);
    return m;
  };

  app.get(
    '/municipality',
    {
      config: { access: { roles: ['ke', 'coordinator', 'leader', 'admin'] } },
      schema: { tags: ['municipality'], operationId: 'getMunicipality', summary: 'Who the caller works for: name, målform and how to reach KE', response: { 200: publicView } },
    },
    async (request) => {
      const m = await app.municipalities.settings(scopeOf(request).municipality);
      return { number: m.number, name: m.name, malform: m.malform, kePostalAddress: m.kePostalAddress, keEmail: m.keEmail, kePhone: m.kePhone };
    },
  );

  app.get(
    '/admin/municipality',
    {
      config: { access: ADMIN },
      schema: { tags: ['municipality'], operationId: 'getMunicipalitySettings', summary: "The municipality's register entry, with its version as ETag", response: { 200: municipalityView } },
    },
    async (request, reply) => answer(reply, await app.municipalities.settings(scopeOf(request).municipality)),
  );

  app.put(
    '/admin/municipality',
    {
      config: { access: ADMIN, ifMatch: true },
      schema: {
        tags: ['municipality'],
        operationId: 'putMunicipalitySettings',
        summary: "Replace the municipality's settings; with If-Match only if no one changed them meanwhile",
        description: 'Applies to what is written from now on: letters already written keep their text, and running cases keep the deadlines they have.',
        headers: ifMatchHeaders.pick({ 'if-match': true }),
        body: settingsBody,
        response: { 200: municipalityView },
      },
    },
    async (request, reply) => {
      const { municipality } = scopeOf(request);
      const { casePolicy, ...rest } = request.body;
      try {
        const saved = await app.municipalities.put(municipality, { ...rest, casePolicy: { ...DEFAULT_POLICY, ...casePolicy } }, principalOf(request).subject, versionExpected(request));
        return answer(reply, saved);
      } catch (err) {
        if (err instanceof StaleMunicipality) throw preconditionFailed(`${err.message}; fetch them again and make the change there`);
        throw err;
      }
    },
  );

  app.get(
    '/admin/municipality/changes',
    {
      config: { access: ADMIN },
      schema: { tags: ['municipality'], operationId: 'listMunicipalityChanges', summary: 'Every change of the settings, newest first: who, when, what they became', response: { 200: changeList } },
    },
    async (request) => ({ changes: await app.municipalities.changes(scopeOf(request).municipality) }),
  );
};

export default municipalityRoutes;
