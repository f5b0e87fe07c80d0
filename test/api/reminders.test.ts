/**
 * The in-app inbox through HTTP: GET /coordinators/{id}/reminders and GET /ke/reminders, on the
 * run's PostgreSQL. The outbox and inbox rows are written here the way the dispatcher writes them
 * (its delivery is tested in test/activities/dispatcher.test.ts), with chosen times and statuses.
 */
import { randomUUID } from 'node:crypto';
import { startServices, type Services } from '../helpers/services';
import { call } from '../helpers/http';
import { unitWithCoordinator } from '../helpers/cases';
import { OTHER_MUNICIPALITY, TEST_MUNICIPALITY, bearer, type Who } from '../helpers/auth';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const get = (url: string) => call(s.app, 'GET', url);

interface Message {
  recipient: string;
  level?: 'reminder' | 'escalation';
  kind?: string;
  status?: 'pending' | 'sending' | 'sent' | 'failed';
  attempts?: number;
  /** Minutes ago that it reached the inbox. */
  minutesAgo: number;
}

/** One reminder and its inbox message per entry, for a case of its own; returns the keys. */
async function delivered(messages: Message[]): Promise<{ caseId: string; keys: string[] }> {
  const caseId = randomUUID();
  const keys: string[] = [];
  // KE's inbox shows the reminders of its own municipality's cases.
  await s.pool.query(
    `INSERT INTO cases (id, status, version, received_on, registered_at, view) VALUES ($1, 'awaiting_consent', 1, now(), now(), $2)`,
    [caseId, { id: caseId, municipality: TEST_MUNICIPALITY, status: 'awaiting_consent', version: 1 }],
  );
  for (const [i, m] of messages.entries()) {
    const key = `${m.level ?? 'reminder'}:${caseId}:${m.kind ?? 'consent'}:2026-01-01#${i}`;
    const sent = (m.status ?? 'sent') === 'sent';
    await s.pool.query(
      `INSERT INTO reminders (key, case_id, level, kind, recipient, due_at, created_at, status, attempts, sent_at, channel)
       VALUES ($1, $2, $3, $4, $5, '2026-03-01T08:00:00Z', now() - make_interval(mins => $6), $7, $8,
               CASE WHEN $9 THEN now() - make_interval(mins => $6) END, CASE WHEN $9 THEN 'inbox' END)`,
      [key, caseId, m.level ?? 'reminder', m.kind ?? 'consent', m.recipient, m.minutesAgo, m.status ?? 'sent', m.attempts ?? 1, sent],
    );
    await s.pool.query(
      `INSERT INTO inbox (reminder_key, recipient, case_id, subject, body, created_at)
       VALUES ($1, $2, $3, $4, $5, now() - make_interval(mins => $6))`,
      [key, m.recipient, caseId, `Emne ${i}`, `Tekst ${i}`, m.minutesAgo],
    );
    keys.push(key);
  }
  return { caseId, keys };
}

describe('reminders inbox', () => {
  test("when a coordinator has reminders, then GET /coordinators/{id}/reminders lists theirs only, newest first, with the delivery status", async () => {
    const { coordinatorId } = await unitWithCoordinator(s.app);
    const other = await unitWithCoordinator(s.app);
    const me = `coordinator:${coordinatorId}`;
    const { caseId, keys } = await delivered([
      { recipient: me, kind: 'kick_off', minutesAgo: 30 },
      { recipient: me, kind: 'minutes', status: 'pending', attempts: 2, minutesAgo: 10 },
      { recipient: `coordinator:${other.coordinatorId}`, minutesAgo: 5 },
      { recipient: me, kind: 'plan_evaluation', status: 'failed', attempts: 8, minutesAgo: 20 },
      { recipient: 'ke', level: 'escalation', minutesAgo: 1 },
    ]);

    const res = await get(`/coordinators/${coordinatorId}/reminders`);
    expect(res.status).toBe(200);
    expect(res.body.reminders.map((r: { reminderKey: string }) => r.reminderKey)).toEqual([keys[1], keys[3], keys[0]]);
    expect(res.body.reminders[0]).toEqual({
      reminderKey: keys[1],
      caseId,
      recipient: me,
      level: 'reminder',
      kind: 'minutes',
      subject: 'Emne 1',
      body: 'Tekst 1',
      dueAt: '2026-03-01T08:00:00.000Z',
      createdAt: expect.any(String),
      readAt: null,
      status: 'pending',
      channel: null,
      attempts: 2,
      sentAt: null,
    });
    expect(res.body.reminders[1]).toMatchObject({ status: 'failed', attempts: 8 });
    expect(res.body.reminders[2]).toMatchObject({ status: 'sent', channel: 'inbox', attempts: 1, sentAt: expect.any(String) });

    const page = await get(`/coordinators/${coordinatorId}/reminders?limit=1&offset=1`);
    expect(page.body.reminders.map((r: { reminderKey: string }) => r.reminderKey)).toEqual([keys[3]]);
  });

  test('when the coordinator is unknown or the id malformed, then 404 or 400', async () => {
    const unknown = await get(`/coordinators/${randomUUID()}/reminders`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe('/problems/not-found');
    expect((await get('/coordinators/not-a-uuid/reminders')).status).toBe(400);
    expect((await get(`/coordinators/${randomUUID()}/reminders?limit=0`)).status).toBe(400);
  });

  test("when KE and its caseworkers have reminders, then GET /ke/reminders lists them newest first, and no coordinator's", async () => {
    const { coordinatorId } = await unitWithCoordinator(s.app);
    const { caseId, keys } = await delivered([
      { recipient: 'ke', level: 'escalation', kind: 'minutes', minutesAgo: 3 },
      { recipient: 'caseworker:ke-anne', kind: 'consent', minutesAgo: 2 },
      { recipient: `coordinator:${coordinatorId}`, minutesAgo: 1 },
      { recipient: 'ke', kind: 'birth', status: 'sending', minutesAgo: 0 },
    ]);
    const res = await get('/ke/reminders?limit=500');
    expect(res.status).toBe(200);
    // The database is shared with other test files: look at this test's case only.
    const mine = res.body.reminders.filter((r: { caseId: string }) => r.caseId === caseId);
    // A birth reminder's key in the old form (with a date) is shown with the date masked.
    expect(mine.map((r: { reminderKey: string }) => r.reminderKey)).toEqual([keys[3].replace('2026-01-01', 'date'), keys[1], keys[0]]);
    expect(mine.map((r: { recipient: string }) => r.recipient)).toEqual(['ke', 'caseworker:ke-anne', 'ke']);
    expect(mine[0]).toMatchObject({ status: 'sending', kind: 'birth' });
    expect(mine[2]).toMatchObject({ level: 'escalation', status: 'sent' });
    const created = res.body.reminders.map((r: { createdAt: string }) => r.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
  });

  test('when the OpenAPI document is read, then both inbox routes are there under the reminders tag', async () => {
    const doc = (await get('/docs/json')).body;
    expect(doc.paths['/ke/reminders'].get.tags).toEqual(['reminders']);
    expect(doc.paths['/coordinators/{id}/reminders'].get.tags).toEqual(['reminders']);
  });
});

describe('marking a message read', () => {
  const post = (url: string) => call(s.app, 'POST', url);
  const as = (who: Who) => ({
    get: async (url: string) => call(s.app, 'GET', url, undefined, await bearer(who)),
    post: async (url: string) => call(s.app, 'POST', url, undefined, await bearer(who)),
  });
  const path = (key: string) => encodeURIComponent(key);

  test('when KE marks a message of its inbox read twice, then the first time is kept and the list shows it read', async () => {
    const { caseId, keys } = await delivered([
      { recipient: 'ke', minutesAgo: 2 },
      { recipient: 'caseworker:ke-berit', minutesAgo: 1 },
    ]);
    const first = await post(`/ke/reminders/${path(keys[0])}/read`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ reminderKey: keys[0], caseId, recipient: 'ke', readAt: expect.any(String) });
    await new Promise((r) => setTimeout(r, 20));
    const again = await post(`/ke/reminders/${path(keys[0])}/read`);
    expect(again.status).toBe(200);
    expect(again.body.readAt).toBe(first.body.readAt);

    const list = await get('/ke/reminders?limit=500');
    const mine = list.body.reminders.filter((r: { caseId: string }) => r.caseId === caseId);
    expect(mine.find((r: { reminderKey: string }) => r.reminderKey === keys[0])).toEqual(first.body);
    expect(mine.find((r: { reminderKey: string }) => r.reminderKey === keys[1]).readAt).toBeNull();
    // A caseworker's message is KE's too; the key's ':' may also come unencoded.
    expect((await post(`/ke/reminders/${keys[1].replace('#', '%23')}/read`)).body.readAt).toEqual(expect.any(String));
  });

  test('when the unread filter is given, then only unread messages are listed, and unread counts the whole inbox', async () => {
    const { coordinatorId } = await unitWithCoordinator(s.app);
    const me = `coordinator:${coordinatorId}`;
    const { keys } = await delivered([
      { recipient: me, minutesAgo: 3 },
      { recipient: me, minutesAgo: 2 },
      { recipient: me, minutesAgo: 1 },
    ]);
    expect((await post(`/coordinators/${coordinatorId}/reminders/${path(keys[1])}/read`)).status).toBe(200);

    const all = await get(`/coordinators/${coordinatorId}/reminders`);
    expect(all.body).toMatchObject({ total: 3, unread: 2 });
    const unread = await get(`/coordinators/${coordinatorId}/reminders?unread=true&limit=1`);
    expect(unread.body.reminders.map((r: { reminderKey: string }) => r.reminderKey)).toEqual([keys[2]]);
    expect(unread.body).toMatchObject({ total: 2, unread: 2 });
    const rest = await get(unread.body.next);
    expect(rest.body.reminders.map((r: { reminderKey: string }) => r.reminderKey)).toEqual([keys[0]]);
    expect((await get(`/coordinators/${coordinatorId}/reminders?unread=false`)).body.total).toBe(3);
    expect((await get(`/coordinators/${coordinatorId}/reminders?unread=yes`)).status).toBe(400);

    const ke = await get('/ke/reminders?unread=true&limit=500');
    expect(ke.body.reminders.every((r: { readAt: string | null }) => r.readAt === null)).toBe(true);
    expect(ke.body.unread).toBeGreaterThanOrEqual(ke.body.total);
  });

  test('when a coordinator marks their own message read, then 200; another\'s inbox, or a KE message, is 404 and stays unread', async () => {
    const mine = await unitWithCoordinator(s.app, undefined, 'coord-read-a');
    const other = await unitWithCoordinator(s.app, undefined, 'coord-read-b');
    const { keys } = await delivered([
      { recipient: `coordinator:${mine.coordinatorId}`, minutesAgo: 2 },
      { recipient: `coordinator:${other.coordinatorId}`, minutesAgo: 1 },
      { recipient: 'ke', minutesAgo: 0 },
    ]);
    const coordinator = as({ roles: ['coordinator'], sub: 'coord-read-a' });
    expect((await coordinator.post(`/coordinators/${mine.coordinatorId}/reminders/${path(keys[0])}/read`)).status).toBe(200);
    // Another coordinator's inbox, their message through one's own inbox, and KE's message.
    expect((await coordinator.post(`/coordinators/${other.coordinatorId}/reminders/${path(keys[1])}/read`)).status).toBe(404);
    expect((await coordinator.post(`/coordinators/${mine.coordinatorId}/reminders/${path(keys[1])}/read`)).status).toBe(404);
    expect((await coordinator.post(`/coordinators/${mine.coordinatorId}/reminders/${path(keys[2])}/read`)).status).toBe(404);
    expect((await coordinator.post(`/ke/reminders/${path(keys[2])}/read`)).status).toBe(403);
    // KE may mark a coordinator's message of the municipality, but not through its own inbox.
    expect((await post(`/ke/reminders/${path(keys[1])}/read`)).status).toBe(404);
    const { rows } = await s.pool.query('SELECT reminder_key, read_at FROM inbox WHERE reminder_key = ANY($1) ORDER BY created_at', [keys]);
    expect(rows.map((r) => r.read_at !== null)).toEqual([true, false, false]);
    expect((await post(`/coordinators/${other.coordinatorId}/reminders/${path(keys[1])}/read`)).status).toBe(200);
  });

  test("when the message is of another municipality's case, or the key unknown or malformed, then 404 or 400", async () => {
    const { keys } = await delivered([{ recipient: 'ke', minutesAgo: 0 }]);
    const foreign = as({ roles: ['ke'], municipality: OTHER_MUNICIPALITY });
    expect((await foreign.post(`/ke/reminders/${path(keys[0])}/read`)).status).toBe(404);
    expect((await foreign.get('/ke/reminders?limit=500')).body.reminders.map((r: { reminderKey: string }) => r.reminderKey)).not.toContain(keys[0]);
    const unknown = await post(`/ke/reminders/${path(`reminder:${randomUUID()}:consent:x`)}/read`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe('/problems/not-found');
    const malformed = await post(`/ke/reminders/${path('reminder:<script>')}/read`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toContain('reminderKey');
    expect((await post(`/coordinators/not-a-uuid/reminders/${path(keys[0])}/read`)).status).toBe(400);
    const { rows } = await s.pool.query('SELECT read_at FROM inbox WHERE reminder_key = $1', [keys[0]]);
    expect(rows[0].read_at).toBeNull();
  });
});
