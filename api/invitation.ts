/**
 * The calendar invitation (iCalendar, RFC 5545) to an ansvarsgruppemøte. It travels by e-mail and
 * sits in calendars outside the service, so it carries no personal data: not the child's name,
 * not the case's facts, only the time, a fixed title and where to read the rest.
 */
import { createEvents } from 'ics';
import type { Meeting } from '../workflows/case/types';
import { osloDateOf } from '../workflows/case/dates';

/** A meeting holds only its start; calendars get this length. */
export const MEETING_MINUTES = 90;
export const INVITATION_TITLE = 'Ansvarsgruppemøte';
const DESCRIPTION = 'Møte i ansvarsgruppen. Hvem møtet gjelder og hva det skal handle om, står i saken i Barnekoordinator.';

/** The same meeting always has the same UID, so a calendar updates its event rather than adding one. */
export const invitationUid = (meetingId: string) => `${meetingId}@barnekoordinator`;

export const invitationFileName = (meeting: Meeting) => `ansvarsgruppemote-${osloDateOf(meeting.at)}.ics`;

/**
 * The invitation as text. `sequence` must grow with every change of the meeting (the case
 * version does), so a calendar takes a moved or cancelled meeting over the copy it has.
 */
export function invitationOf(meeting: Meeting, sequence: number): string {
  const { error, value } = createEvents(
    [
      {
        uid: invitationUid(meeting.id),
        start: Date.parse(meeting.at),
        startInputType: 'utc',
        startOutputType: 'utc',
        duration: { minutes: MEETING_MINUTES },
        title: INVITATION_TITLE,
        description: DESCRIPTION,
        status: meeting.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
        sequence,
      },
    ],
    { method: 'PUBLISH', productId: '-//Barnekoordinator//Ansvarsgruppe//NO' },
  );
  if (error || !value) throw error ?? new Error('the invitation could not be written');
  return value;
}
