/**
 * Rows written before keys of birth-derived deadlines became opaque (db/migrations/
 * 1763900610000_opaque-birth-keys.sql): reminder keys, inbox messages and worklist rows that
 * carried the termin or the 18th birthday are moved to the opaque form the workflow writes now,
 * and the API shows none of those dates. The migration ran at the start of the run; here its Up
 * section runs again over rows seeded in the old form (it touches only rows in the old form).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServices, type Services } from '../helpers/services';
import { call } from '../helpers/http';
import { TEST_MUNICIPALITY } from '../helpers/auth';
import { reminderText } from '../../worker/reminder-texts';

let s: Services;
// With a worker, as the other suites: a Temporal runtime that never had a worker or native
// connection is never shut down by the SDK, and keeps jest from exiting after the run.
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const BASE = 'https://bk.testkommune.no';
const MIGRATION = readFileSync(join(__dirname, '..', '..', 'db', 'migrations', '1763900610000_opaque-birth-keys.sql'), 'utf8');
const UP = MIGRATION.slice(MIGRATION.indexOf('-- Up Migration'), MIGRATION.indexOf('-- Down Migration'));

async function seedCase(id: string, child: Record<string, string>, extendedToAge?: number) {
  const view = { id, municipality: TEST_MUNICIPALITY, status: 'appointed', version: 7, request: { child: { name: 'Nora Testbarn', ...child } }, extendedToAge };
  await s.pool.query(
    `INSERT INTO cases (id, status, version, received_on, registered_at, view, extended_to_age)
     VALUES ($1, 'appointed', 7, '2026-01-05', '2026-01-05T09:00:00Z', $2, $3)`,
    [id, JSON.stringify(view), extendedToAge ?? null],
  );
}

async function seedReminder(key: string, caseId: string, level: string, kind: string, recipient: string, withOldText = true) {
  await s.pool.query(
    `INSERT INTO reminders (key, case_id, level, kind, recipient, due_at, created_at, status, attempts, sent_at, channel)
     VALUES ($1, $2, $3, $4, $5, now() - interval '1 day', now() - interval '1 day', 'sent', 1, now(), 'inbox')`,
    [key, caseId, level, kind, recipient],
  );
  if (!withOldText) return;
  const link = `${BASE}/cases/${caseId}`;
  const old =
    kind === 'birth'
      ? { subject: 'Påminnelse: fødselen er ikke registrert – frist 15. mai 2026', body: `Påminnelse\n\nFødselen er ikke registrert i saken. Fristen er 15. mai 2026.\n\nÅpne saken: ${link}\n\nSlutt` }
      : { subject: 'Påminnelse: planlegg overgangen til alminnelig koordinator – frist 15. september 2033', body: `Påminnelse\n\nRetten tar snart slutt. Fristen er 15. september 2033.\n\nÅpne saken: ${link}\n\nSlutt` };
  await s.pool.query('INSERT INTO inbox (reminder_key, recipient, case_id, subject, body) VALUES ($1, $2, $3, $4, $5)', [key, recipient, caseId, old.subject, old.body]);
}

test('when rows carry the termin or the 18th birthday in the old form, then the migration moves them to the opaque form, and the API shows no such date', async () => {
  const born = randomUUID(); // born 2016-03-15, extended to 20: reminded at 18 and at 20
  const unborn = randomUUID(); // termin 2026-05-01
  await seedCase(born, { birthDate: '2016-03-15' }, 20);
  await seedCase(unborn, { expectedDate: '2026-05-01' });
  await seedReminder(`reminder:${born}:transition_planning:2034-03-15`, born, 'reminder', 'transition_planning', 'ke');
  await seedReminder(`reminder:${born}:transition_planning:2034-03-15:ke`, born, 'reminder', 'transition_planning', 'ke');
  await seedReminder(`reminder:${born}:transition_planning:2036-03-15`, born, 'reminder', 'transition_planning', 'ke');
  await seedReminder(`reminder:${born}:consent:2026-01-05T09:00:00.000Z`, born, 'reminder', 'consent', 'ke', false);
  await seedReminder(`reminder:${unborn}:birth:2026-05-01`, unborn, 'reminder', 'birth', 'ke');
  for (const [caseId, kind, since] of [
    [born, 'transition_planning', '2036-03-15'],
    [born, 'plan_evaluation', '2026-03-01'],
    [unborn, 'birth', '2026-05-01'],
  ]) {
    await s.pool.query("INSERT INTO case_deadlines (case_id, kind, since, due_at, responsible) VALUES ($1, $2, $3, now() + interval '1 day', 'ke')", [caseId, kind, since]);
  }

  // Before the migration runs again, the API already shows no date in a key or a since.
  const before = JSON.stringify([(await call(s.app, 'GET', '/ke/reminders?limit=500')).body, (await call(s.app, 'GET', '/ke/worklist?dueWithinDays=30&limit=1000')).body]);
  for (const date of ['2034-03-15', '2036-03-15', '2026-05-01']) expect(before).not.toMatch(new RegExp(`:${date}|"since":"${date}"`));

  const client = await s.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(UP);
    await client.query('COMMIT');
  } finally {
    client.release();
  }

  const keys = await s.pool.query('SELECT key, case_id FROM reminders WHERE case_id = ANY($1::uuid[]) ORDER BY key', [[born, unborn]]);
  expect(keys.rows.map((r) => r.key).sort()).toEqual(
    [
      `reminder:${born}:transition_planning:age-18`,
      `reminder:${born}:transition_planning:age-18:ke`,
      `reminder:${born}:transition_planning:age-20`,
      `reminder:${born}:consent:2026-01-05T09:00:00.000Z`,
      `reminder:${unborn}:birth:expected`,
    ].sort(),
  );
  const inbox = await s.pool.query('SELECT reminder_key, subject, body FROM inbox WHERE case_id = ANY($1::uuid[]) ORDER BY reminder_key', [[born, unborn]]);
  expect(inbox.rows).toHaveLength(4);
  for (const row of inbox.rows) {
    const caseId = row.reminder_key.split(':')[1];
    const kind = row.reminder_key.split(':')[2];
    // Word for word what the dispatcher writes now.
    expect({ subject: row.subject, body: row.body }).toEqual(reminderText({ caseId, level: 'reminder', kind, dueAt: new Date(), publicBaseUrl: BASE }));
  }
  const deadlines = await s.pool.query('SELECT kind, since FROM case_deadlines WHERE case_id = ANY($1::uuid[]) ORDER BY kind', [[born, unborn]]);
  expect(deadlines.rows).toEqual([
    { kind: 'birth', since: 'expected' },
    { kind: 'plan_evaluation', since: '2026-03-01' },
    { kind: 'transition_planning', since: 'age-20' },
  ]);
  // The inbox still refers to its reminders (the foreign key is back) and goes with them.
  await s.pool.query('DELETE FROM reminders WHERE key = $1', [`reminder:${unborn}:birth:expected`]);
  expect((await s.pool.query('SELECT count(*)::int AS n FROM inbox WHERE case_id = $1', [unborn])).rows[0].n).toBe(0);
  await expect(s.pool.query("INSERT INTO inbox (reminder_key, recipient, case_id, subject, body) VALUES ('no-such-key', 'ke', $1, 's', 'b')", [born])).rejects.toThrow(/foreign key/);

  const reminders = await call(s.app, 'GET', '/ke/reminders?limit=500');
  const mine = reminders.body.reminders.filter((r: { caseId: string }) => r.caseId === born).map((r: { reminderKey: string }) => r.reminderKey);
  expect(mine.sort()).toEqual([`reminder:${born}:transition_planning:age-18`, `reminder:${born}:transition_planning:age-18:ke`, `reminder:${born}:transition_planning:age-20`]);
});

test('when a worklist row of the transition still has the date, then the API shows the age the right ends at instead', async () => {
  const id = randomUUID();
  await seedCase(id, { birthDate: '2016-03-15' });
  await s.pool.query("INSERT INTO case_deadlines (case_id, kind, since, due_at, responsible) VALUES ($1, 'transition_planning', '2034-03-15', now() + interval '1 day', 'ke')", [id]);
  const res = await call(s.app, 'GET', '/ke/worklist?dueWithinDays=30&limit=1000');
  expect(res.status).toBe(200);
  expect(res.body.deadlines.filter((d: { caseId: string }) => d.caseId === id)).toEqual([expect.objectContaining({ kind: 'transition_planning', since: 'age-18' })]);
});
