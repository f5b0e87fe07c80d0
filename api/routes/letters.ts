/**
 * Letters to the family. A letter's PDF is rendered once, in a worker thread (api/pdf-pool.ts),
 * on its first download, and stored with the letter (letters.pdf); every later download serves
 * the stored bytes. Downloads of one letter that come in while it renders wait for that render.
 */
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cleanLetter, stripBidiControls } from '../../activities/letters/clean';
import type { LetterBody } from '../../activities/letters/text';
import { WorkflowNotFoundError } from '@temporalio/client';
import { badRequest, conflict, notFound, preconditionFailed } from '../errors';
import { ifMatchHeaders, versionExpected } from '../versions';
import { actorOf } from '../actor';
import { osloDateOf } from '../../workflows/case/dates';
import { deliveryWorkflowId, handedOver } from '../../workflows/delivery/messages';
import { createPdfPool, type PdfPool } from '../pdf-pool';
import { CASE_READ, scopeOf } from '../plugins/auth';
import { paged } from '../paging';
import { z } from 'zod';
import { handOverBody, idParams, letterBody, letterList, letterListQuery, letterParams, letterSummary, reasonHeaders } from '../schemas';

declare module 'fastify' {
  interface FastifyInstance {
    /** Renders letter PDFs off the event loop. */
    pdfPool: PdfPool;
  }
}

const letterRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = createPdfPool();
  app.decorate('pdfPool', pool);
  app.addHook('onClose', () => pool.close());

  /** Renders in progress in this process, by letter: a second download waits for the first render. */
  const rendering = new Map<string, Promise<Buffer>>();

  /**
   * The stored PDF of the letter, rendered and stored first if it has none. Two API processes
   * may both render a letter's first download; only the first write is kept (pdf IS NULL), and
   * both answer with what is stored.
   */
  function storedPdf(letterId: string, body: LetterBody, createdAt: Date, municipality: string): Promise<Buffer> {
    let pending = rendering.get(letterId);
    if (!pending) {
      pending = (async () => {
        const m = await app.municipalities.settings(municipality);
        const pdf = await pool.render(body, createdAt.toISOString(), { name: m.letterheadName, keAddress: m.kePostalAddress });
        return app.letters.storePdf(letterId, pdf);
      })().finally(() => rendering.delete(letterId));
      rendering.set(letterId, pending);
    }
    return pending;
  }

  app.get(
    '/cases/:id/letters',
    {
      config: { access: CASE_READ },
      schema: {
        tags: ['cases'],
        operationId: 'listLetters', summary: 'Letters sent to the family in this case',
        params: idParams,
        headers: reasonHeaders,
        querystring: letterListQuery,
        response: { 200: letterList },
      },
    },
    async (request) => paged(request, 'letters', request.query, await app.letters.list(request.params.id, request.query)),
  );

  app.get(
    '/cases/:id/letters/:letterId',
    {
      config: { access: CASE_READ },
      schema: {
        tags: ['cases'],
        operationId: 'getLetter', summary: 'One letter: HTML by default, PDF with Accept: application/pdf, JSON with Accept: application/json',
        params: letterParams,
        headers: reasonHeaders,
        // Each representation is sent as it is (a string or the stored bytes), not serialised.
        response: {
          200: {
            description: 'The letter, in the representation the Accept header asks for',
            content: {
              'text/html': { schema: z.string().describe('The letter as an HTML page without scripts') },
              'application/pdf': {
                schema: z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', contentMediaType: 'application/pdf', description: 'The letter as a PDF' }),
              },
              'application/json': { schema: letterBody },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const accept = request.accepts().type(['text/html', 'application/pdf', 'application/json']);
      const { letterId, id } = request.params;
      if (accept === 'application/pdf') {
        const letter = await app.letters.findPdf(id, letterId);
        if (!letter) throw notFound(`no letter ${letterId} in case ${id}`);
        const pdf = letter.pdf ?? (await storedPdf(letterId, letter.body, letter.createdAt, scopeOf(request).municipality));
        return reply.type('application/pdf').send(pdf);
      }
      const letter = await app.letters.find(id, letterId);
      if (!letter) throw notFound(`no letter ${letterId} in case ${id}`);
      // Letters written before bidi controls were stripped are cleaned as they are served.
      if (accept === 'application/json') return reply.type('application/json').send(JSON.stringify(cleanLetter(letter.body)));
      return reply.type('text/html; charset=utf-8').send(stripBidiControls(letter.html));
    },
  );

  app.get(
    '/cases/:id/letters/:letterId/delivery',
    {
      config: { access: CASE_READ },
      schema: {
        tags: ['cases'],
        operationId: 'getLetterDelivery',
        summary: 'Where one letter is on its way to the family, its receipt and the complaint deadline from it',
        params: letterParams,
        headers: reasonHeaders,
        response: { 200: letterSummary },
      },
    },
    async (request) => {
      const { id, letterId } = request.params;
      const letter = await app.letters.summary(id, letterId);
      if (!letter) throw notFound(`no letter ${letterId} in case ${id}`);
      return letter;
    },
  );

  app.post(
    '/cases/:id/letters/:letterId/handed-over',
    {
      // Like every change to a case, it may be held to the case version the caller saw.
      config: { access: { roles: ['ke'], case: 'change' }, ifMatch: true },
      schema: {
        tags: ['cases'],
        operationId: 'recordLetterHandedOver',
        headers: ifMatchHeaders.pick({ 'if-match': true }),
        summary: 'Record that KE handed a letter over to the family itself (by hand, by post, or otherwise); its receipt is that day',
        params: letterParams,
        body: handOverBody,
        response: { 200: letterSummary },
      },
    },
    async (request) => {
      const { id, letterId } = request.params;
      const { on, how, note } = request.body;
      const today = osloDateOf(new Date());
      if (on > today) throw badRequest(`on: ${on} is after today (${today})`);
      const expected = versionExpected(request);
      if (expected !== undefined) {
        const version = (await app.cases.find(id))?.version;
        if (version !== expected) throw preconditionFailed(`the case is at version ${version}, not ${expected}: it has changed since it was read`);
      }
      const result = await app.letters.handOver(id, letterId, { on, how, note, by: actorOf(request) });
      if (result.outcome === 'unknown') throw notFound(`no letter ${letterId} in case ${id}`);
      if (result.outcome === 'before_letter') throw badRequest(`on: ${on} is before the letter was written (${result.letterDate})`);
      if (result.outcome === 'delivered') throw conflict(`letter ${letterId} is already delivered (${result.state})`);
      if (result.outcome === 'handed_over_otherwise') throw conflict(`letter ${letterId} was already handed over on ${result.on} (${result.how})`);
      // The record is in PostgreSQL, which is what counts; the signal ends the letter's delivery
      // workflow (a polling one also sees the record at its next poll; one waiting for KE ends
      // when its wait runs out). A letter whose workflow has ended needs none.
      try {
        await app.temporal.workflow.getHandle(deliveryWorkflowId(letterId)).signal(handedOver, { on, how });
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) request.log.warn({ letterId, err: (err as Error).message }, 'hand-over recorded; the delivery workflow was not signalled');
      }
      return result.letter;
    },
  );
};

// Not encapsulated, so the app (and its tests) can see app.pdfPool.
export default fp(letterRoutes, { name: 'letter-routes' });
