/**
 * Rule law-unrecorded-meeting on the time-skipping test server: a planned ansvarsgruppemøte that
 * is neither recorded as held nor moved or cancelled a day after its time reminds the
 * coordinator, and KE gets the escalation escalationDays later. Through the HTTP API, with the
 * real worker and Postgres.
 */
import type { FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import { DEFAULT_POLICY } from '../../workflows/case/policy';
import { appointed, unitWithCoordinator } from '../helpers/cases';
import { call, eventually } from '../helpers/http';
import { startTimeSkippingService, type TimeSkipping, type TimeSkippingService } from '../helpers/time-skipping';

jest.setTimeout(120_000);

let service: TimeSkippingService;
let ts: TimeSkipping;
let pool: Pool;
let app: FastifyInstance;

beforeAll(async () => {
  service = await startTimeSkippingService('unrecorded-meeting');
  ({ ts, pool, app } = service);
});

afterAll(() => service?.stop());

const HOUR = 3_600_000;

async function alerts(caseId: string) {
  const { rows } = await pool.query<{ level: string; recipient: string; due_at: Date }>(
    "SELECT level, recipient, due_at FROM reminders WHERE case_id = $1 AND kind = 'unrecorded_meeting' ORDER BY due_at",
    [caseId],
  );
  return rows;
}

test('when a meeting passes without being recorded as held, then the coordinator is reminded a day after it, and KE gets the escalation after escalationDays', async () => {
  const who = await unitWithCoordinator(app);
  const id = await appointed(app, who);
  expect((await call(app, 'POST', `/cases/${id}/ansvarsgruppe`, {})).status).toBe(200);
  const at = new Date((await ts.env.currentTimeMs()) + 2 * HOUR).toISOString();
  const planned = await call(app, 'POST', `/cases/${id}/meetings`, { at });
  expect(planned.status).toBe(200);
  expect(planned.body.deadlines).toContainEqual(expect.objectContaining({ kind: 'unrecorded_meeting', dueAt: new Date(Date.parse(at) + 24 * HOUR).toISOString() }));

  // The meeting's time and the day after it pass with nothing recorded.
  await ts.env.sleep(27 * HOUR);
  const reminded = await eventually(async () => {
    const rows = await alerts(id);
    return rows.length >= 1 ? rows : undefined;
  });
  expect(reminded.map((r) => [r.level, r.recipient])).toEqual([['reminder', `coordinator:${who.coordinatorId}`]]);

  await ts.env.sleep(DEFAULT_POLICY.escalationDays * 24 * HOUR);
  const escalated = await eventually(async () => {
    const rows = await alerts(id);
    return rows.length >= 2 ? rows : undefined;
  });
  expect(escalated.map((r) => [r.level, r.recipient])).toEqual([
    ['reminder', `coordinator:${who.coordinatorId}`],
    ['escalation', 'ke'],
  ]);
});

test('when the meeting is recorded as held in time, then no reminder comes for it', async () => {
  const who = await unitWithCoordinator(app);
  const id = await appointed(app, who);
  expect((await call(app, 'POST', `/cases/${id}/ansvarsgruppe`, {})).status).toBe(200);
  const at = new Date((await ts.env.currentTimeMs()) + HOUR).toISOString();
  const meetingId = (await call(app, 'POST', `/cases/${id}/meetings`, { at })).body.followUp.meetings.at(-1).id;
  await ts.env.sleep(2 * HOUR);
  const heldOn = new Date(await ts.env.currentTimeMs()).toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' });
  const held = await call(app, 'POST', `/cases/${id}/meetings/${meetingId}/held`, { heldOn });
  expect(held.status).toBe(200);
  await ts.env.sleep(3 * 24 * HOUR);
  expect(await alerts(id)).toEqual([]);
});
