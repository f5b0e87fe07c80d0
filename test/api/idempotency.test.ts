/**
 * Idempotency-Keys on POST /cases and on commands: one key, one request, per caller; a repeat
 * answers as the first did and changes nothing, the key reused for anything else is refused; a
 * closed case is never started again; a command that loses the race with a closure is told so.
 */
import type { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { buildApp } from '../../api/app';
import { CASE_WORKFLOW_TYPE, caseWorkflowId } from '../../workflows/case/messages';
import { bearer, testAuthSettings } from '../helpers/auth';
import { caseRequest, today } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { logger, startServices, type Services } from '../helpers/services';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const kari = () => bearer({ roles: ['ke'], sub: 'ke-kari' });
const ola = () => bearer({ roles: ['ke'], sub: 'ke-ola' });
const post = async (url: string, body: unknown, key?: string, auth?: Record<string, string>) =>
  call(s.app, 'POST', url, body, { ...(key ? { 'idempotency-key': key } : {}), ...(auth ?? (await kari())) });
const newCase = async () => (await post('/cases', caseRequest())).body.id as string;
const events = async (caseId: string) =>
  (await s.pool.query<{ type: string; actor: string }>('SELECT type, actor FROM case_events WHERE case_id = $1 ORDER BY seq', [caseId])).rows.map((e) => `${e.type} ${e.actor}`);
const consent = (givenBy = 'Per Testforelder') => ({ givenBy, role: 'parent', covers: ['information_sharing'], givenOn: today() });

describe('commands', () => {
  test('when a key is repeated with another body, then 409 and the second command is not applied', async () => {
    const caseId = await newCase();
    const key = `cmd-${randomUUID()}`;
    const first = await post(`/cases/${caseId}/consents`, consent(), key);
    expect(first.status).toBe(200);
    const other = await post(`/cases/${caseId}/consents`, consent('Kari Testforelder'), key);
    expect(other.status).toBe(409);
    expect(other.body).toEqual({ type: '/problems/conflict', title: expect.any(String), status: expect.any(Number), instance: expect.any(String), detail: 'this Idempotency-Key was already used for a different request' });
    expect(await events(caseId)).toEqual(['RequestRegistered ke-kari', 'ConsentRecorded ke-kari']);
    // The same body (its keys in another order) is the repeat: the first answer, nothing applied.
    const { givenOn, covers, role, givenBy } = consent();
    const repeat = await post(`/cases/${caseId}/consents`, { givenOn, covers, role, givenBy }, key);
    expect(repeat.status).toBe(200);
    expect(repeat.body.version).toBe(first.body.version);
    expect(await events(caseId)).toHaveLength(2);
  });

  test('when a key is reused for another command or on another case, then 409 names the problem and nothing is applied', async () => {
    const caseId = await newCase();
    const otherCase = await newCase();
    const key = `cmd-${randomUUID()}`;
    expect((await post(`/cases/${caseId}/consents`, consent(), key)).status).toBe(200);
    const otherCommand = await post(`/cases/${caseId}/kartlegging/schedule`, { scheduledAt: new Date(Date.now() + 86400_000).toISOString() }, key);
    expect(otherCommand.status).toBe(409);
    expect(otherCommand.body.detail).toBe('this Idempotency-Key was already used for another command (POST /cases/:id/consents)');
    const elsewhere = await post(`/cases/${otherCase}/consents`, consent(), key);
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.detail).toBe('this Idempotency-Key was already used for a command on another case');
    expect(await events(caseId)).toEqual(['RequestRegistered ke-kari', 'ConsentRecorded ke-kari']);
    expect(await events(otherCase)).toEqual(['RequestRegistered ke-kari']);
  });

  test("when two callers happen to use the same key for the same command, then each command is applied: keys are the caller's", async () => {
    const caseId = await newCase();
    const key = `shared-${randomUUID()}`;
    const mine = await post(`/cases/${caseId}/consents`, consent(), key, await kari());
    const theirs = await post(`/cases/${caseId}/consents`, consent(), key, await ola());
    expect([mine.status, theirs.status]).toEqual([200, 200]);
    expect(theirs.body.version).toBe(mine.body.version + 1);
    expect(await events(caseId)).toEqual(['RequestRegistered ke-kari', 'ConsentRecorded ke-kari', 'ConsentRecorded ke-ola']);
  });

  test('when a command passed the access check and the case closed before its update, then 409 "the case is closed", not 404', async () => {
    const caseId = await newCase();
    // An app whose access check, once it has let the command through, waits for the closure.
    let release!: () => void;
    const closed = new Promise<void>((resolve) => (release = resolve));
    let checked!: () => void;
    const passedCheck = new Promise<void>((resolve) => (checked = resolve));
    const gated = new Proxy(s.pool, {
      get(target, prop) {
        if (prop !== 'query') return Reflect.get(target, prop, target);
        return async (...args: Parameters<Pool['query']>) => {
          const result = await (target.query as (...a: unknown[]) => Promise<unknown>)(...args);
          if (String(args[0]).includes('INSERT INTO access_log') && String(args[0]).includes('WITH c AS')) {
            checked();
            await closed;
          }
          return result;
        };
      },
    });
    const app = await buildApp({ logger, pool: gated, temporal: s.client, taskQueue: s.taskQueue, policy: s.policy, auth: await testAuthSettings() });
    try {
      const racing = call(app, 'POST', `/cases/${caseId}/consents`, consent(), await kari());
      await passedCheck;
      expect((await post(`/cases/${caseId}/closure`, { reason: 'moved_away', on: today() })).status).toBe(200);
      release();
      const res = await racing;
      expect(res.status).toBe(409);
      // The closed case's workflow waits for complaints about the closure (rule law-complaint-after-closure) and refuses the rest.
      expect(res.body).toMatchObject({ type: '/problems/conflict', title: expect.any(String), status: 409, instance: expect.any(String), detail: 'the case is closed' });
      // A case that does not exist is still 404.
      expect((await post(`/cases/${randomUUID()}/consents`, consent())).status).toBe(404);
    } finally {
      release();
      await app.close();
    }
  });
});

describe('registration (POST /cases)', () => {
  test('when a registration is repeated after its case was closed, then the answer is the case and no new run starts', async () => {
    const key = `req-${randomUUID()}`;
    const body = caseRequest();
    const first = await post('/cases', body, key);
    expect(first.status).toBe(201);
    const caseId = first.body.id;
    expect((await post(`/cases/${caseId}/closure`, { reason: 'need_ended', on: today() })).status).toBe(200);
    const handle = s.client.workflow.getHandle(caseWorkflowId(caseId));
    const runId = (await handle.describe()).runId;

    const repeat = await post('/cases', body, key);
    expect(repeat.status).toBe(201);
    // The run waits for complaints about the closure (rule law-complaint-after-closure): the repeat is its registration again.
    expect(repeat.body).toMatchObject({ id: caseId });
    const after = await handle.describe();
    expect({ runId: after.runId, status: after.status.name }).toEqual({ runId, status: 'RUNNING' });
    // (A new run would wait for consent again, and remind KE of it.)
    expect(await events(caseId)).toEqual(['RequestRegistered ke-kari', 'CaseClosed ke-kari']);
    expect((await call(s.app, 'GET', `/cases/${caseId}`, undefined, { ...(await kari()), 'x-access-reason': 'Kontroll' })).body.status).toBe('closed');
  });

  test("when two callers of one municipality use the same key, then each gets a case of their own; a key from before keys had a subject still holds for the municipality", async () => {
    const key = `shared-${randomUUID()}`;
    const body = caseRequest();
    const mine = await post('/cases', body, key, await kari());
    const theirs = await post('/cases', body, key, await ola());
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect((await post('/cases', body, key, await kari())).body.id).toBe(mine.body.id);

    const legacy = `legacy-${randomUUID()}`;
    const old = await post('/cases', body, legacy, await kari());
    await s.pool.query(`UPDATE case_requests SET subject = '' WHERE idempotency_key = $1`, [`4601:${legacy}`]);
    const again = await post('/cases', body, legacy, await ola());
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(old.body.id);
    expect((await post('/cases', caseRequest({ reasons: 'Noe annet' }), legacy, await ola())).status).toBe(409);
  });

  test('when the first attempt started the workflow but never registered (its run timed out), then a repeat starts it anew and registers', async () => {
    const body = caseRequest();
    // The hash the API records for this body, from a registration of it under another key.
    const probe = `probe-${randomUUID()}`;
    await post('/cases', body, probe);
    const { rows } = await s.pool.query('SELECT body_hash FROM case_requests WHERE idempotency_key = $1', [`4601:${probe}`]);
    const key = `orphan-${randomUUID()}`;
    const caseId = randomUUID();
    await s.pool.query('INSERT INTO case_requests (idempotency_key, subject, case_id, body_hash) VALUES ($1, $2, $3, $4)', [`4601:${key}`, 'ke-kari', caseId, rows[0].body_hash]);
    // The run the first attempt started, ended without a registration.
    const orphan = await s.client.workflow.start(CASE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(caseId),
      taskQueue: s.taskQueue,
      args: [{ caseId, municipality: '4601', policy: s.policy }],
    });
    await orphan.terminate('registration timed out (simulated)');

    const res = await post('/cases', body, key);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: caseId, status: 'awaiting_consent', version: 1 });
    expect(await events(caseId)).toEqual(['RequestRegistered ke-kari']);
  });
});
