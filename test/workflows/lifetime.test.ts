/**
 * One case for a whole childhood, on the time-skipping test server: a prenatal request, birth,
 * an ansvarsgruppe meeting every three months, a leave with a substitute and a departure, and
 * closure at 18 — through the HTTP API, with the real worker and Postgres.
 */
import type { FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import { addDaysToDate, osloDateOf } from '../../workflows/case/dates';
import { caseWorkflowId } from '../../workflows/case/messages';
import { allMet } from '../helpers/fixtures';
import { call, eventually } from '../helpers/http';
import { startTimeSkippingService, type TimeSkipping, type TimeSkippingService } from '../helpers/time-skipping';

// The bound for the whole lifetime is two minutes of wall time; it takes seconds here.
jest.setTimeout(120_000);

let service: TimeSkippingService;
let ts: TimeSkipping;
let pool: Pool;
let app: FastifyInstance;

beforeAll(async () => {
  service = await startTimeSkippingService('lifetime');
  ({ ts, pool, app } = service);
});

afterAll(() => service?.stop());

const DAY = 86_400_000;

async function ok(method: 'GET' | 'POST', url: string, body?: unknown) {
  // The case ends closed, and reading a closed case needs a stated reason.
  const res = await call(app, method, url, body, { 'x-access-reason': 'livsløpstest' });
  if (res.status >= 300) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

test('when a case lives from a prenatal request to 18, then every meeting, handover and deadline is kept across continue-as-new and it closes on the birthday', async () => {
  const today = async () => osloDateOf(new Date(await ts.env.currentTimeMs()));
  const start = await today();
  const expectedDate = addDaysToDate(start, 60);

  const created = await ok('POST', '/cases', {
    child: { name: 'Livsløp Testbarn', expectedDate },
    consenters: [{ name: 'Mor Test', role: 'parent' }],
    channel: 'oral',
    reasons: 'Alvorlig hjertefeil oppdaget på ultralyd.',
    receivedOn: start,
  });
  const id: string = created.id;
  const handle = ts.env.client.workflow.getHandle(caseWorkflowId(id));
  const runIds = new Set<string>([(await handle.describe()).runId]);

  await ok('POST', `/cases/${id}/consents`, { givenBy: 'Mor Test', role: 'parent', covers: ['appointment', 'information_sharing'], givenOn: start });
  await ok('POST', `/cases/${id}/kartlegging`, { heldOn: start, participants: ['Mor Test'], childParticipated: false });
  await ok('POST', `/cases/${id}/kartlegging/assessment`, allMet);
  await ok('POST', `/cases/${id}/decision`, { outcome: 'granted', reasons: 'Vilkårene er oppfylt før fødsel.', decidedOn: start });
  const unit = await ok('POST', '/units', { name: `Helsestasjon livsløp ${id}`, sector: 'health' });
  const coordinator = async (name: string) => (await ok('POST', '/coordinators', { unitId: unit.id, name, email: `${name}.${id}@kommune.no` })).id as string;
  const [first, substitute, second] = [await coordinator('forste'), await coordinator('vikar'), await coordinator('andre')];
  await ok('POST', `/cases/${id}/appointment`, { unitId: unit.id, coordinatorId: first, appointedOn: start });
  await ok('POST', `/cases/${id}/kick-off`, { heldOn: start });

  // The birth is late: KE is reminded, then registers it.
  await ts.env.sleep(75 * DAY);
  await ok('POST', `/cases/${id}/birth`, { birthDate: expectedDate });
  await ok('POST', `/cases/${id}/ansvarsgruppe`, {});

  let held = 0;
  for (;;) {
    const view = await ok('GET', `/cases/${id}`);
    const meeting = view.followUp.meetings.find((m: { status: string }) => m.status === 'planned');
    if (view.status === 'closed' || !meeting) break;
    const wait = Date.parse(meeting.at) - (await ts.env.currentTimeMs());
    await ts.env.sleep(Math.max(0, wait) + 3_600_000);
    if ((await ok('GET', `/cases/${id}`)).status === 'closed') break;
    const day = await today();
    await ok('POST', `/cases/${id}/meetings/${meeting.id}/held`, { heldOn: day });
    await ok('POST', `/cases/${id}/meetings/${meeting.id}/minutes`, { writtenOn: day });
    held++;
    if (held === 20) {
      // First handover: a month's leave with a substitute; the case returns by itself.
      const absence = await ok('POST', `/coordinators/${first}/absences`, { kind: 'leave', from: day, until: addDaysToDate(day, 30), substituteId: substitute });
      expect(absence.openCases).toBe(1);
      const onLeave = await eventually(async () => {
        const view = await ok('GET', `/cases/${id}`);
        return view.absence?.id === absence.absenceId ? view : undefined;
      }, 20_000);
      expect(onLeave.absence).toMatchObject({ id: absence.absenceId, kind: 'leave', coordinatorId: first, substituteId: substitute });
    }
    if (held === 40) {
      // Second handover: the coordinator leaves and KE appoints another.
      await ok('POST', `/coordinators/${first}/absences`, { kind: 'departure', from: day });
      const departed = await eventually(async () => {
        const view = await ok('GET', `/cases/${id}`);
        return view.absence?.kind === 'departure' ? view : undefined;
      }, 20_000);
      expect(departed.absence).toMatchObject({ kind: 'departure', coordinatorId: first });
      await ok('POST', `/cases/${id}/appointment`, { unitId: unit.id, coordinatorId: second, appointedOn: day });
    }
    runIds.add((await handle.describe()).runId);
  }

  const result = await handle.result();
  expect(result?.status).toBe('closed');
  expect(result?.closure?.reason).toBe('age_limit');
  const birthday18 = `${Number(expectedDate.slice(0, 4)) + 18}${expectedDate.slice(4)}`;
  expect(result?.closure?.on).toBe(birthday18);
  expect(held).toBeGreaterThanOrEqual(60);
  expect(runIds.size).toBeGreaterThanOrEqual(3);

  const events = (await ok('GET', `/cases/${id}/events`)).events as { seq: number; type: string }[];
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  const count = (type: string) => events.filter((e) => e.type === type).length;
  expect(count('MeetingHeld')).toBe(held);
  expect(count('MinutesRecorded')).toBe(held);
  expect(count('CoordinatorAbsent')).toBe(2);
  expect(count('LeaveEnded')).toBe(1);
  expect(count('CoordinatorChanged')).toBe(1);
  expect(count('CaseClosed')).toBe(1);

  const { rows } = await pool.query<{ key: string; kind: string; recipient: string }>('SELECT key, kind, recipient FROM reminders WHERE case_id = $1', [id]);
  // Every held meeting was preceded by exactly one reminder, whichever run of the workflow sent it.
  const heldMeetings = result!.followUp.meetings.filter((m: { status: string }) => m.status === 'held');
  for (const m of heldMeetings) {
    expect(rows.filter((r) => r.key === `reminder:${id}:meeting:${m.id}@${m.at}`)).toHaveLength(1);
  }
  expect(rows.filter((r) => r.kind === 'birth').map((r) => r.recipient)).toEqual(['ke']);
  expect(rows.filter((r) => r.kind === 'transition_planning').map((r) => r.recipient).sort()).toEqual([`coordinator:${second}`, 'ke']);
  const letters = (await ok('GET', `/cases/${id}/letters`)).letters.map((l: { kind: string }) => l.kind);
  // law-absence-letters: the leave, the return from it and the departure each come by letter too.
  expect(letters).toEqual(['decision', 'appointment', 'coordinator_absence', 'coordinator_return', 'coordinator_absence', 'coordinator_change', 'closure']);
});

test('a command repeated with its Idempotency-Key after the case continued as new is answered, not applied again', async () => {
  const start = osloDateOf(new Date(await ts.env.currentTimeMs()));
  const created = await ok('POST', '/cases', {
    child: { name: 'Gjentatt Testbarn', birthDate: addDaysToDate(start, -3000) },
    consenters: [{ name: 'Far Test', role: 'parent' }],
    channel: 'written',
    reasons: 'Sammensatte behov.',
    receivedOn: start,
  });
  const id: string = created.id;
  const handle = ts.env.client.workflow.getHandle(caseWorkflowId(id));
  const firstRun = (await handle.describe()).runId;
  const consent = { givenBy: 'Far Test', role: 'parent', covers: ['information_sharing'], givenOn: start };
  const send = () => call(app, 'POST', `/cases/${id}/consents`, consent, { 'idempotency-key': `consent-${id}` });
  const first = await send();
  expect(first.status).toBe(200);
  // A year and more later the case has continued as new (the yearly bound); the answer to the
  // first request was lost, and the client sends it again with the same key.
  await ts.env.sleep(400 * DAY);
  // Another command wakes the case, which then continues as new (its run is over a year old).
  const other = await ok('POST', `/cases/${id}/consents`, { ...consent, givenOn: osloDateOf(new Date(await ts.env.currentTimeMs())) });
  const secondRun = await eventually(async () => {
    const { runId } = await handle.describe();
    return runId !== firstRun ? runId : undefined;
  }, 20_000);
  expect(secondRun).toMatch(/^[0-9a-f-]{36}$/);
  expect(secondRun).not.toBe(firstRun);
  const again = await send();
  expect(again.status).toBe(200);
  const view = await ok('GET', `/cases/${id}`);
  expect(view.consents).toHaveLength(2);
  expect(view.version).toBe(other.version);
  expect(again.body.version).toBe(view.version);
  const events = (await ok('GET', `/cases/${id}/events`)).events as { type: string }[];
  expect(events.filter((e) => e.type === 'ConsentRecorded')).toHaveLength(2);
});
