/**
 * Deadlines on the real Temporal server in real time: a policy of seconds instead of days, so a
 * missed step turns into a reminder and then an escalation in the Postgres outbox.
 */
import { startServices, type Services } from '../helpers/services';
import { today } from '../helpers/fixtures';
import { call, eventually } from '../helpers/http';
import { consented, granted, mapped, newCase } from '../helpers/cases';

const SECOND_IN_DAYS = 1 / 86_400;
let s: Services;

beforeAll(async () => {
  s = await startServices({
    policy: {
      consentDays: 2 * SECOND_IN_DAYS,
      kartleggingDays: 2 * SECOND_IN_DAYS,
      decisionDays: 2 * SECOND_IN_DAYS,
      appointmentDays: 2 * SECOND_IN_DAYS,
      escalationDays: 2 * SECOND_IN_DAYS,
    },
  });
});
afterAll(async () => {
  await s.close();
});

interface AlertRow {
  key: string;
  level: string;
  kind: string;
  recipient: string;
}

async function alerts(caseId: string): Promise<AlertRow[]> {
  const { rows } = await s.pool.query<AlertRow>('SELECT key, level, kind, recipient FROM reminders WHERE case_id = $1 ORDER BY created_at, key', [caseId]);
  return rows;
}

async function waitForAlerts(caseId: string, kind: string, levels: string[]) {
  return eventually(async () => {
    const rows = (await alerts(caseId)).filter((a) => a.kind === kind);
    return levels.every((l) => rows.some((r) => r.level === l)) ? rows : undefined;
  }, 20_000);
}

test('when consent does not arrive in time, then KE gets a reminder and then an escalation, each once', async () => {
  const id = await newCase(s.app);
  const rows = await waitForAlerts(id, 'consent', ['reminder', 'escalation']);
  expect(rows.map((r) => [r.level, r.recipient])).toEqual([
    ['reminder', 'ke'],
    ['escalation', 'ke'],
  ]);
  // The deadline has fired both its alerts; nothing more comes of it.
  await new Promise((r) => setTimeout(r, 3000));
  expect((await alerts(id)).filter((a) => a.kind === 'consent')).toHaveLength(2);
});

test('when the case has a caseworker, then the reminder goes to the caseworker and the escalation to KE', async () => {
  const id = await newCase(s.app, { caseworkerId: 'ke-anne' });
  const rows = await waitForAlerts(id, 'consent', ['reminder', 'escalation']);
  expect(rows.find((r) => r.level === 'reminder')!.recipient).toBe('caseworker:ke-anne');
  expect(rows.find((r) => r.level === 'escalation')!.recipient).toBe('ke');
});

test('when the kartleggingssamtale is not held in time after consent, then a kartlegging reminder is created', async () => {
  const id = await consented(s.app);
  const rows = await waitForAlerts(id, 'kartlegging', ['reminder']);
  expect(rows[0].key).toMatch(new RegExp(`^reminder:${id}:kartlegging:`));
});

test('when no decision is made in time after the kartlegging, then a decision reminder is created', async () => {
  const id = await mapped(s.app);
  await waitForAlerts(id, 'decision', ['reminder', 'escalation']);
});

test('when no coordinator is appointed in time after a grant, then an appointment reminder and escalation are created', async () => {
  const id = await granted(s.app);
  await waitForAlerts(id, 'appointment', ['reminder', 'escalation']);
});

test('when the step is done before its deadline, then no alert is created for it', async () => {
  const id = await newCase(s.app);
  const res = await call(s.app, 'POST', `/cases/${id}/consents`, { givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment'], givenOn: today() });
  expect(res.status).toBe(200);
  await waitForAlerts(id, 'kartlegging', ['reminder']);
  expect((await alerts(id)).filter((a) => a.kind === 'consent')).toEqual([]);
});
