/** GET /cases/{id}/meetings/{meetingId}/invitation.ics: the calendar file of an ansvarsgruppemøte, on real Temporal and Postgres. */
import { randomUUID } from 'node:crypto';
import { startServices, type Services } from '../helpers/services';
import { call } from '../helpers/http';
import { bearer } from '../helpers/auth';
import { appointed, unitWithCoordinator } from '../helpers/cases';
import { caseRequest } from '../helpers/fixtures';
import { osloDateOf } from '../../workflows/case/dates';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const post = (url: string, body: unknown = {}) => call(s.app, 'POST', url, body);
const get = (url: string, headers: Record<string, string> = {}) => call<string>(s.app, 'GET', url, undefined, headers);
/** A whole minute some days ahead, as the API gives it back. */
const minuteFromNow = (days: number) => new Date(Math.floor((Date.now() + days * 86_400_000) / 60_000) * 60_000).toISOString();
/** The iCalendar text with folded lines joined, as a reader sees it. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');
const field = (text: string, name: string) => unfold(text).split('\r\n').find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1);
const icsTime = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

async function caseWithMeeting() {
  const subject = `coord-ics-${randomUUID()}`;
  const coordinator = await unitWithCoordinator(s.app, undefined, subject);
  const id = await appointed(s.app, coordinator);
  const at = minuteFromNow(10);
  const established = await post(`/cases/${id}/ansvarsgruppe`, { intervalMonths: 2, firstMeetingAt: at });
  expect(established.status).toBe(200);
  return { id, subject, meeting: established.body.followUp.meetings[0] as { id: string; at: string } };
}

describe('meeting invitation', () => {
  test('when a planned meeting is asked for, then an iCalendar file with its time, a stable UID and no personal data', async () => {
    const { id, subject, meeting } = await caseWithMeeting();
    const url = `/cases/${id}/meetings/${meeting.id}/invitation.ics`;
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="ansvarsgruppemote-${osloDateOf(meeting.at)}.ics"`);
    const text = res.body;
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(field(text, 'METHOD')).toBe('PUBLISH');
    expect(field(text, 'DTSTART')).toBe(icsTime(meeting.at));
    expect(field(text, 'SUMMARY')).toBe('Ansvarsgruppemøte');
    expect(field(text, 'STATUS')).toBe('CONFIRMED');
    expect(field(text, 'DURATION')).toBe('PT90M');
    const uid = field(text, 'UID');
    expect(uid).toContain(meeting.id);

    // The child's and the consenter's names, national id and birth date are nowhere in it.
    const request = caseRequest();
    for (const secret of [request.child.name, ...request.child.name.split(' '), request.child.nationalId, request.child.birthDate, request.consenters[0].name]) {
      expect(unfold(text)).not.toContain(secret);
    }

    const again = await get(url);
    expect(field(again.body, 'UID')).toBe(uid);
    // The coordinator of the case may fetch it too.
    const asCoordinator = await get(url, await bearer({ roles: ['coordinator'], sub: subject }));
    expect(field(asCoordinator.body, 'UID')).toBe(uid);
  });

  test('when the meeting is moved and then cancelled, then the same UID with the new time, a higher sequence and STATUS:CANCELLED', async () => {
    const { id, meeting } = await caseWithMeeting();
    const url = `/cases/${id}/meetings/${meeting.id}/invitation.ics`;
    const before = (await get(url)).body;
    const to = minuteFromNow(12);
    expect((await post(`/cases/${id}/meetings/${meeting.id}/move`, { at: to })).status).toBe(200);
    const moved = (await get(url)).body;
    expect(field(moved, 'UID')).toBe(field(before, 'UID'));
    expect(field(moved, 'DTSTART')).toBe(icsTime(to));
    expect(Number(field(moved, 'SEQUENCE'))).toBeGreaterThan(Number(field(before, 'SEQUENCE')));

    expect((await post(`/cases/${id}/meetings/${meeting.id}/cancellation`)).status).toBe(200);
    const cancelled = (await get(url)).body;
    expect(field(cancelled, 'UID')).toBe(field(before, 'UID'));
    expect(field(cancelled, 'STATUS')).toBe('CANCELLED');
    expect(Number(field(cancelled, 'SEQUENCE'))).toBeGreaterThan(Number(field(moved, 'SEQUENCE')));
  });

  test("when the meeting is unknown, the case another's or the id malformed, then 404 or 400", async () => {
    const { id, meeting } = await caseWithMeeting();
    const unknown = await get(`/cases/${id}/meetings/${randomUUID()}/invitation.ics`);
    expect(unknown.status).toBe(404);
    expect((await get(`/cases/${randomUUID()}/meetings/${meeting.id}/invitation.ics`)).status).toBe(404);
    const other = `coord-ics-${randomUUID()}`;
    await unitWithCoordinator(s.app, undefined, other);
    const stranger = await get(`/cases/${id}/meetings/${meeting.id}/invitation.ics`, await bearer({ roles: ['coordinator'], sub: other }));
    expect(stranger.status).toBe(404);
    expect((await get(`/cases/${id}/meetings/not-a-uuid/invitation.ics`)).status).toBe(400);
  });

  test('when the invitation is fetched, then the access log of the case shows the read', async () => {
    const { id, meeting } = await caseWithMeeting();
    await get(`/cases/${id}/meetings/${meeting.id}/invitation.ics`);
    const log = await call(s.app, 'GET', `/cases/${id}/access-log`);
    expect(log.body.entries.map((e: { endpoint: string }) => e.endpoint)).toContain('/cases/:id/meetings/:meetingId/invitation.ics');
  });
});
