/**
 * Access follows the work (Normen: tjenstlig behov): a coordinator who has departed, or is on leave
 * while a substitute holds the case, no longer sees it, in the case itself, the case list or the
 * inbox; access returns when the leave ends. Through HTTP on real Temporal and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { appointed, unitWithCoordinator } from '../helpers/cases';
import { callerAs } from '../helpers/access';
import { dateFromNow, today } from '../helpers/fixtures';
import { eventually } from '../helpers/http';
import { startServices, type Services } from '../helpers/services';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const ke = callerAs(() => s.app, { roles: ['ke'] });
const READ = { 'x-access-reason': 'kontroll av tilgang i test' };

/** A coordinator who can sign in, with a case appointed to them. */
async function coordinatorWithCase() {
  const subject = `coord-${randomUUID()}`;
  const who = await unitWithCoordinator(s.app, undefined, subject);
  const caseId = await appointed(s.app, who);
  return { ...who, caseId, as: callerAs(() => s.app, { roles: ['coordinator'], sub: subject }) };
}

/** Another coordinator who can sign in, to substitute. */
async function substitute() {
  const subject = `sub-${randomUUID()}`;
  const who = await unitWithCoordinator(s.app, undefined, subject);
  return { ...who, as: callerAs(() => s.app, { roles: ['coordinator'], sub: subject }) };
}

type Caller = ReturnType<typeof callerAs>;
const listed = async (who: Caller, caseId: string) => ((await who.get('/cases?limit=500')).body.cases as { id: string }[]).some((c) => c.id === caseId);

/** Waits until the case shows the absence (the fan-out signals each case in its own time). */
const absenceRecorded = (caseId: string, kind: string) =>
  eventually(async () => {
    const view = (await ke.get(`/cases/${caseId}`, READ)).body;
    return view.absence?.kind === kind ? view : undefined;
  }, 20_000);

/** A reminder for the coordinator on the case, delivered to their inbox. */
async function inboxMessage(coordinatorId: string, caseId: string): Promise<string> {
  const key = `reminder:${caseId}:kick_off:test-${randomUUID()}`;
  const recipient = `coordinator:${coordinatorId}`;
  await s.pool.query(
    `INSERT INTO reminders (key, case_id, level, kind, recipient, due_at, created_at, status, attempts, sent_at, channel)
     VALUES ($1, $2, 'reminder', 'kick_off', $3, now(), now(), 'sent', 1, now(), 'inbox')`,
    [key, caseId, recipient],
  );
  await s.pool.query('INSERT INTO inbox (reminder_key, recipient, case_id, subject, body, created_at) VALUES ($1, $2, $3, $4, $5, now())', [
    key,
    recipient,
    caseId,
    'Oppstartsamtale',
    'Husk oppstartsamtalen.',
  ]);
  return key;
}
const inboxCases = async (who: Caller, coordinatorId: string) =>
  ((await who.get(`/coordinators/${coordinatorId}/reminders?limit=100`)).body.reminders as { caseId: string }[]).map((r) => r.caseId);

describe('access-follows-the-work', () => {
  test('when a coordinator departs today, then from that day they no longer see the case, in the case, the list or their inbox; KE does, until it reassigns', async () => {
    const a = await coordinatorWithCase();
    await inboxMessage(a.coordinatorId, a.caseId);
    expect((await a.as.get(`/cases/${a.caseId}`)).status).toBe(200);
    expect(await inboxCases(a.as, a.coordinatorId)).toEqual([a.caseId]);

    expect((await ke.post(`/coordinators/${a.coordinatorId}/absences`, { kind: 'departure', from: today() })).status).toBe(202);
    await absenceRecorded(a.caseId, 'departure');
    const refused = await a.as.get(`/cases/${a.caseId}`);
    expect(refused.status).toBe(404);
    expect(refused.body.detail).toBe(`no case ${a.caseId}`);
    expect(refused.body.detail).not.toContain('Test');
    expect((await a.as.get(`/cases/${a.caseId}/letters`)).status).toBe(404);
    expect((await a.as.post(`/cases/${a.caseId}/kick-off`, { heldOn: today() })).status).toBe(404);
    expect(await listed(a.as, a.caseId)).toBe(false);
    expect(await inboxCases(a.as, a.coordinatorId)).toEqual([]);
    expect((await ke.get(`/cases/${a.caseId}`)).status).toBe(200);
  });

  test('when a departure is recorded for a later day, then the coordinator still sees the case until that day', async () => {
    const a = await coordinatorWithCase();
    expect((await ke.post(`/coordinators/${a.coordinatorId}/absences`, { kind: 'departure', from: dateFromNow(7) })).status).toBe(202);
    await absenceRecorded(a.caseId, 'departure');
    expect((await a.as.get(`/cases/${a.caseId}`)).status).toBe(200);
    expect(await listed(a.as, a.caseId)).toBe(true);
  });

  test('when a coordinator is on leave and a substitute holds the case, then only the substitute sees it; without a substitute the coordinator keeps it', async () => {
    const a = await coordinatorWithCase();
    const b = await substitute();
    await inboxMessage(a.coordinatorId, a.caseId);
    expect((await ke.post(`/coordinators/${a.coordinatorId}/absences`, { kind: 'leave', from: today(), until: dateFromNow(30), substituteId: b.coordinatorId })).status).toBe(202);
    await absenceRecorded(a.caseId, 'leave');
    expect((await a.as.get(`/cases/${a.caseId}`)).status).toBe(404);
    expect(await listed(a.as, a.caseId)).toBe(false);
    expect(await inboxCases(a.as, a.coordinatorId)).toEqual([]);
    expect((await b.as.get(`/cases/${a.caseId}`)).status).toBe(200);
    expect(await listed(b.as, a.caseId)).toBe(true);

    const c = await coordinatorWithCase();
    expect((await ke.post(`/coordinators/${c.coordinatorId}/absences`, { kind: 'leave', from: today(), until: dateFromNow(30) })).status).toBe(202);
    await absenceRecorded(c.caseId, 'leave');
    expect((await c.as.get(`/cases/${c.caseId}`)).status).toBe(200);
  });

  test('when the leave with a substitute ends, then the coordinator sees the case again, with its inbox message, and the substitute no longer does', async () => {
    const a = await coordinatorWithCase();
    const b = await substitute();
    await inboxMessage(a.coordinatorId, a.caseId);
    // A leave that ended yesterday: the case takes it and ends it at once.
    const leave = { kind: 'leave', from: dateFromNow(-3), until: dateFromNow(-1), substituteId: b.coordinatorId };
    expect((await ke.post(`/coordinators/${a.coordinatorId}/absences`, leave)).status).toBe(202);
    await eventually(async () => {
      const types = ((await ke.get(`/cases/${a.caseId}/events`)).body.events as { type: string }[]).map((e) => e.type);
      return types.includes('LeaveEnded') ? true : undefined;
    }, 20_000);
    expect((await a.as.get(`/cases/${a.caseId}`)).status).toBe(200);
    expect(await listed(a.as, a.caseId)).toBe(true);
    expect(await inboxCases(a.as, a.coordinatorId)).toEqual([a.caseId]);
    expect((await b.as.get(`/cases/${a.caseId}`)).status).toBe(404);
  });
});
