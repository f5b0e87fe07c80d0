import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { letterPdf } from '../../activities/letters/pdf';
import type { LetterBody } from '../../activities/letters/text';
import { notFound } from '../errors';
import { CASE_READ } from '../plugins/auth';
import { idParams, errorBody, letterParams, letterSummary, reasonHeaders } from '../schemas';

const letterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/cases/:id/letters',
    {
      config: { access: CASE_READ },
      schema: {
        tags: ['cases'],
        summary: 'Letters sent to the family in this case',
        params: idParams,
        headers: reasonHeaders,
        response: { 200: z.object({ letters: z.array(letterSummary) }), 400: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const { rows } = await app.pg.query(
        'SELECT id, kind, title, created_at FROM letters WHERE case_id = $1 ORDER BY created_at, id',
        [request.params.id],
      );
      return { letters: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, createdAt: r.created_at.toISOString() })) };
    },
  );

  app.get(
    '/cases/:id/letters/:letterId',
    {
      config: { access: CASE_READ },
      schema: {
        tags: ['cases'],
        summary: 'One letter: HTML by default, PDF with Accept: application/pdf, JSON with Accept: application/json',
        params: letterParams,
        headers: reasonHeaders,
      },
    },
    async (request, reply) => {
      const { rows } = await app.pg.query<{ body: LetterBody; html: string; kind: string; title: string }>(
        'SELECT body, html, kind, title FROM letters WHERE id = $1 AND case_id = $2',
        [request.params.letterId, request.params.id],
      );
      if (rows.length === 0) throw notFound(`no letter ${request.params.letterId} in case ${request.params.id}`);
      const letter = rows[0];
      const accept = request.accepts().type(['text/html', 'application/pdf', 'application/json']);
      if (accept === 'application/pdf') {
        return reply.type('application/pdf').send(await letterPdf(letter.body));
      }
      if (accept === 'application/json') return reply.type('application/json').send(JSON.stringify(letter.body));
      return reply.type('text/html; charset=utf-8').send(letter.html);
    },
  );
};

export default letterRoutes;
