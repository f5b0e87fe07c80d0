/**
 * The in-app inbox of reminders and escalations (written by worker/dispatcher.ts), per
 * coordinator and for KE, newest first, each with the delivery status of its outbox row.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../errors';
import { scopeOf } from '../plugins/auth';
import { idParams } from '../schemas';
import { shownAlertKey } from '../../workflows/case/deadlines';

const instant = z.iso.datetime({ offset: true });

const inboxItem = z.object({
  reminderKey: z.string().describe('Unique per message; carries no date that reveals a birth, a pregnancy or a birthday'),
  caseId: z.uuid(),
  recipient: z.string().describe("'ke', 'caseworker:<id>' or 'coordinator:<id>'"),
  level: z.enum(['reminder', 'escalation']),
  kind: z.string().describe('The deadline: consent, kartlegging, decision, appointment, meeting, minutes, …'),
  subject: z.string(),
  body: z.string(),
  dueAt: instant,
  createdAt: instant.describe('When it reached the inbox'),
  readAt: instant.nullable(),
  status: z.enum(['pending', 'sending', 'sent', 'failed']).describe('Delivery of the message (e-mail when configured)'),
  channel: z.enum(['email', 'inbox']).nullable().describe('How it was delivered: by e-mail (and the inbox), or the inbox only'),
  attempts: z.number().int(),
  sentAt: instant.nullable(),
});

const inboxQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const inboxReply = z.object({ reminders: z.array(inboxItem) });

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);

const itemRow = (r: Record<string, unknown>) => ({
  reminderKey: shownAlertKey(r.reminder_key as string, r.kind as string),
  caseId: r.case_id as string,
  recipient: r.recipient as string,
  level: r.level as 'reminder' | 'escalation',
  kind: r.kind as string,
  subject: r.subject as string,
  body: r.body as string,
  dueAt: (r.due_at as Date).toISOString(),
  createdAt: (r.created_at as Date).toISOString(),
  readAt: iso(r.read_at),
  status: r.status as 'pending' | 'sending' | 'sent' | 'failed',
  channel: (r.channel ?? null) as 'email' | 'inbox' | null,
  attempts: Number(r.attempts),
  sentAt: iso(r.sent_at),
});

const INBOX_SELECT = `
  SELECT i.reminder_key, i.case_id, i.recipient, i.subject, i.body, i.created_at, i.read_at,
         r.level, r.kind, r.due_at, r.status, r.channel, r.attempts, r.sent_at
    FROM inbox i JOIN reminders r ON r.key = i.reminder_key`;

const remindersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/coordinators/:id/reminders',
    {
      config: { access: { roles: ['ke', 'coordinator'] } },
      schema: {
        tags: ['reminders'],
        operationId: 'listCoordinatorReminders', summary: "A coordinator's reminders, newest first",
        params: idParams,
        querystring: inboxQuery,
        response: { 200: inboxReply },
      },
    },
    async (request) => {
      // KE sees any coordinator's of the municipality; a coordinator only their own.
      const scope = scopeOf(request);
      const own = scope.coordinatorId === undefined || scope.coordinatorId === request.params.id;
      const found = await app.pg.query('SELECT 1 FROM coordinators WHERE id = $1 AND municipality = $2', [request.params.id, scope.municipality]);
      if (found.rowCount === 0 || !own) throw notFound(`no coordinator ${request.params.id}`);
      const { rows } = await app.pg.query(
        `${INBOX_SELECT} WHERE i.recipient = $1 ORDER BY i.created_at DESC, i.reminder_key LIMIT $2 OFFSET $3`,
        [`coordinator:${request.params.id}`, request.query.limit, request.query.offset],
      );
      return { reminders: rows.map(itemRow) };
    },
  );

  app.get(
    '/ke/reminders',
    {
      config: { access: { roles: ['ke'] } },
      schema: {
        tags: ['reminders'],
        operationId: 'listKeReminders', summary: "KE's reminders and escalations, newest first",
        description:
          "The shared KE inbox ('ke') and the reminders of KE's caseworkers ('caseworker:<id>'), who have no registry of their own yet.",
        querystring: inboxQuery,
        response: { 200: inboxReply },
      },
    },
    async (request) => {
      const { rows } = await app.pg.query(
        `${INBOX_SELECT} WHERE (i.recipient = 'ke' OR i.recipient LIKE 'caseworker:%')
            AND i.case_id IN (SELECT id FROM cases WHERE municipality = $3)
          ORDER BY i.created_at DESC, i.reminder_key LIMIT $1 OFFSET $2`,
        [request.query.limit, request.query.offset, scopeOf(request).municipality],
      );
      return { reminders: rows.map(itemRow) };
    },
  );
};

export default remindersRoutes;
