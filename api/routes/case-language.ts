/**
 * The målform of a case's letters (issue #16): the municipality's, unless the family asked for
 * the other one, which KE records here. Beside the case, not in its workflow: the choice applies
 * to letters written from now on, and letters already written keep their text.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseLanguages } from '../../lib/case-language';
import type { Malform } from '../../lib/i18n';
import { notFound } from '../errors';
import { principalOf } from '../plugins/auth';
import { idParams, reasonHeaders } from '../schemas';

export const malformSchema = z.enum(['nb', 'nn']).describe('Bokmål (nb) or nynorsk (nn)');

export const caseLanguage = z
  .object({
    malform: malformSchema.describe("The målform the case's letters are written in"),
    municipalityDefault: z.boolean().describe("True when no målform is chosen for the case and the municipality's applies"),
    municipalityMalform: malformSchema.describe("The municipality's målform"),
    changedBy: z.string().optional().describe('Who recorded the choice, when there is one'),
    changedAt: z.string().optional(),
  })
  .meta({ id: 'CaseLanguage' });

const choiceList = z
  .object({ changes: z.array(z.object({ malform: malformSchema, changedBy: z.string(), changedAt: z.string() })) })
  .meta({ id: 'CaseLanguageChanges' });

const routes: FastifyPluginAsyncZod = async (app) => {
  const languages = caseLanguages(app.pg);

  /** The case's municipality, for its default; 404 when there is no such case. */
  async function municipalityOf(caseId: string): Promise<string | undefined> {
    const view = await app.cases.find(caseId);
    if (!view) throw notFound(`no case ${caseId}`);
    return view.municipality;
  }

  app.get(
    '/cases/:id/malform',
    {
      config: { access: { roles: ['ke', 'coordinator'], case: 'read' } },
      schema: {
        tags: ['cases'],
        operationId: 'getCaseMalform',
        summary: "The målform of the case's letters, and whether it is the municipality's",
        params: idParams,
        headers: reasonHeaders,
        response: { 200: caseLanguage },
      },
    },
    async (request) => effectiveLanguage(app, languages, request.params.id, await municipalityOf(request.params.id)),
  );

  app.put(
    '/cases/:id/malform',
    {
      config: { access: { roles: ['ke'], case: 'change' } },
      schema: {
        tags: ['cases'],
        operationId: 'putCaseMalform',
        summary: 'Write to the family in bokmål or nynorsk, as they asked; applies to letters written from now on',
        params: idParams,
        body: z.strictObject({ malform: malformSchema }),
        response: { 200: caseLanguage },
      },
    },
    async (request) => {
      const municipality = await municipalityOf(request.params.id);
      await languages.choose(request.params.id, request.body.malform, principalOf(request).subject);
      return effectiveLanguage(app, languages, request.params.id, municipality);
    },
  );

  app.get(
    '/cases/:id/malform/changes',
    {
      config: { access: { roles: ['ke'], case: 'read' } },
      schema: {
        tags: ['cases'],
        operationId: 'listCaseMalformChanges',
        summary: "Every choice of the case's målform, newest first: who, when, what it became",
        params: idParams,
        headers: reasonHeaders,
        response: { 200: choiceList },
      },
    },
    async (request) => {
      await municipalityOf(request.params.id);
      return { changes: await languages.changes(request.params.id) };
    },
  );
};

/** The case's målform: the family's choice, else the municipality's (its register entry, else the deployment's). */
export async function effectiveLanguage(
  app: { municipalities: { settings(number: string): Promise<{ malform: Malform }> } },
  languages: ReturnType<typeof caseLanguages>,
  caseId: string,
  municipality: string | undefined,
): Promise<z.infer<typeof caseLanguage>> {
  const [choice, own] = await Promise.all([languages.find(caseId), app.municipalities.settings(municipality ?? '')]);
  return {
    malform: choice?.malform ?? own.malform,
    municipalityDefault: choice === null,
    municipalityMalform: own.malform,
    ...(choice ? { changedBy: choice.changedBy, changedAt: choice.changedAt } : {}),
  };
}

export default routes;
