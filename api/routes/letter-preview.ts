/**
 * The decision letter before it is sent: KE reads what the family will get before it records the
 * decision. The preview applies the decision command to the case as it stands with the case's
 * own rule (state.ts transition), so a decision the rules would refuse is refused here too, with
 * the same message, and writes the letter from the resulting state with the same code the
 * workflow's write uses (letter-facts.ts, activities/letters). It changes nothing.
 */
import type { FastifyPluginAsync, FastifyPluginOptions } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { letterHtml } from '../../activities/letters/html';
import { letterBody as writeLetter, type Municipality } from '../../activities/letters/text';
import { letterSender } from '../../activities/letters/sender';
import { loadConfig } from '../../lib/config';
import { commandSchemas } from '../../workflows/case/commands';
import { letterFacts } from '../../workflows/case/letter-facts';
import type { CaseView } from '../../workflows/case/messages';
import { transition } from '../../workflows/case/state';
import { CaseErrorType } from '../../workflows/case/messages';
import type { CaseState } from '../../workflows/case/types';
import { HttpError, notFound, preconditionFailed } from '../errors';
import { idParams, letterBody, reasonHeaders } from '../schemas';
import { ifMatchHeaders, versionExpected } from '../versions';

export interface LetterPreviewOptions extends FastifyPluginOptions {
  /** The sender the letters name; by default the worker's (MUNICIPALITY_NAME, KE_POSTAL_ADDRESS, KE_EMAIL, KE_PHONE). */
  municipality?: Municipality;
}

/** The municipality as the worker writes it into letters, from the same variables and defaults. */
function municipalityFromEnv(): Municipality {
  const config = loadConfig({
    MUNICIPALITY_NAME: process.env.MUNICIPALITY_NAME,
    KE_POSTAL_ADDRESS: process.env.KE_POSTAL_ADDRESS,
    KE_EMAIL: process.env.KE_EMAIL,
    KE_PHONE: process.env.KE_PHONE,
    MALFORM: process.env.MALFORM,
  });
  return { name: config.MUNICIPALITY_NAME, keAddress: config.KE_POSTAL_ADDRESS, keEmail: config.KE_EMAIL, kePhone: config.KE_PHONE, malform: config.MALFORM };
}

/**
 * The rules' state of a case from its view. The view leaves out only what the rules of a decision
 * do not read (the deadlines' bookkeeping: fired keys, absences seen, when the status began).
 */
function stateOf(view: CaseView): CaseState {
  return {
    caseId: view.id,
    municipality: view.municipality,
    status: view.status,
    request: view.request,
    registeredAt: view.registeredAt,
    seq: view.version,
    consents: view.consents,
    statusSince: view.registeredAt,
    kartlegging: view.kartlegging,
    decisions: view.decisions,
    complaints: view.complaints,
    appointment: view.appointment,
    firstAppointedOn: view.firstAppointedOn,
    followUp: view.followUp,
    absence: view.absence,
    absencesSeen: [],
    tasks: view.tasks,
    extendedToAge: view.extendedToAge,
    closure: view.closure,
    fired: [],
  };
}

const letterPreview = z
  .object({
    html: z.string().describe('The letter as an HTML page without scripts, as GET /cases/{id}/letters/{letterId} will give it'),
    letter: letterBody.describe('The same letter as its parts: title, date, addressees, sections and signature'),
  })
  .describe('The decision letter as it would be written; nothing is recorded');

const routes: FastifyPluginAsyncZod<LetterPreviewOptions> = async (app, options) => {
  const municipality = options.municipality ?? municipalityFromEnv();

  app.post(
    '/cases/:id/decision/preview',
    {
      // If-Match as for the decision itself: the preview of the version the caller holds, or 412.
      config: { access: { roles: ['ke'], case: 'read' }, ifMatch: true },
      schema: {
        tags: ['cases'],
        operationId: 'previewDecisionLetter',
        summary: 'The decision letter as the decision would write it, without recording anything',
        params: idParams,
        headers: reasonHeaders.extend({ 'if-match': ifMatchHeaders.shape['if-match'] }),
        body: commandSchemas.recordDecision,
        response: { 200: letterPreview },
      },
    },
    async (request) => {
      const view = await app.cases.find(request.params.id);
      if (!view) throw notFound(`no case ${request.params.id}`);
      const expected = versionExpected(request);
      if (expected !== undefined && expected !== view.version) {
        throw preconditionFailed(`the case is at version ${view.version}, not ${expected}: it has changed since it was read`);
      }
      const result = transition(stateOf(view), { type: 'recordDecision', ...request.body }, { at: new Date().toISOString(), policy: app.policy, newId: randomUUID });
      if (!result.ok) throw new HttpError('conflict', result.message, { rule: CaseErrorType.InvalidTransition });
      if (!result.letter) throw new Error('a decision without a letter');
      // As the worker will write it: signed for the case's municipality, in the case's målform.
      const sender = await letterSender(app.pg, view.id, view.municipality, municipality);
      const letter = writeLetter(letterFacts(result.state, result.letter.id, result.letter.kind), sender.municipality, {}, sender.malform);
      return { html: letterHtml(letter), letter };
    },
  );
};

export default routes as FastifyPluginAsync<LetterPreviewOptions>;
