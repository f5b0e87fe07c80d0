/** What a case's meetings give beside the commands on them: the calendar invitation. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '../../workflows/case/commands';
import { notFound } from '../errors';
import { invitationFileName, invitationOf } from '../invitation';
import { CASE_READ } from '../plugins/auth';
import { reasonHeaders } from '../schemas';

const meetingParams = z.strictObject({ id, meetingId: id });

const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/cases/:id/meetings/:meetingId/invitation.ics',
    {
      config: { access: CASE_READ },
      schema: {
        tags: ['cases'],
        operationId: 'getMeetingInvitation',
        summary: 'The calendar invitation (iCalendar) to an ansvarsgruppemøte; a cancelled meeting gives a cancellation',
        description:
          'The same UID for the same meeting every time; the time, a fixed title and nothing about the child or family, since it travels by e-mail.',
        params: meetingParams,
        headers: reasonHeaders,
        response: {
          200: {
            description: 'An iCalendar file with one event (METHOD:PUBLISH)',
            content: { 'text/calendar': { schema: z.string().describe('The iCalendar text') } },
          },
        },
      },
    },
    async (request, reply) => {
      const view = await app.cases.find(request.params.id);
      const meeting = view?.followUp.meetings.find((m) => m.id === request.params.meetingId);
      if (!view || !meeting) throw notFound(`no meeting ${request.params.meetingId} in case ${request.params.id}`);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${invitationFileName(meeting)}"`)
        .send(invitationOf(meeting, view.version));
    },
  );
};

export default meetingRoutes;
