/**
 * persistCase (activities/index.ts), called directly against the run's real PostgreSQL: the one
 * write every command ends in. Each test writes cases of its own (fresh uuids), since other test
 * files share the database.
 */
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { DatabaseError, Pool } from 'pg';
import { MUNICIPALITY, logger, testEnv } from '../helpers/services';
import { granted, registered } from '../unit/case-states';
import { asPermanent, createActivities, type PersistCaseInput } from '../../activities';
import { WriteRefused } from '../../activities/write-errors';
import { letterBody } from '../../activities/letters/text';
import type { DecisionLetterFacts } from '../../workflows/case/letter-facts';
import { viewOf as viewOfState, type CaseView } from '../../workflows/case/messages';
import { DEFAULT_POLICY } from '../../workflows/case/policy';
import type { CaseState } from '../../workflows/case/types';

let pool: Pool;
let activities: ReturnType<typeof createActivities>;
/** Every case id a test wrote, removed again afterwards: the service launched by later suites must not find them. */
const written: string[] = [];
const newCaseId = () => {
  const id = randomUUID();
  written.push(id);
  return id;
};

beforeAll(() => {
  pool = new Pool({ connectionString: testEnv().databaseUrl, max: 4 });
  activities = createActivities({ pool, logger, municipality: MUNICIPALITY });
});
afterAll(async () => {
  for (const table of ['case_events', 'case_deadlines', 'letters', 'case_texts', 'reminders']) {
    await pool.query(`DELETE FROM ${table} WHERE case_id = ANY($1::uuid[])`, [written]);
  }
  await pool.query('DELETE FROM cases WHERE id = ANY($1::uuid[])', [written]);
  await pool.end();
});

/** The case view the workflow would write for `state`, at `version`, with the given deadlines. */
function viewOf(caseId: string, state: CaseState, version: number, deadlines: CaseView['deadlines']): CaseView {
  return { ...viewOfState({ ...state, caseId, seq: version }, DEFAULT_POLICY), deadlines, nextDeadline: deadlines[0]?.dueAt };
}

const CONSENT_DEADLINE = { kind: 'consent', since: '2026-01-05T09:00:00.000Z', dueAt: '2026-01-19T09:00:00.000Z', responsible: 'ke' } as const;
const APPOINT_DEADLINE = { kind: 'appointment', since: '2026-02-01T13:00:00.000Z', dueAt: '2026-03-01T13:00:00.000Z', responsible: 'ke' } as const;

function decisionLetter(letterId: string): DecisionLetterFacts {
  return {
    kind: 'decision',
    letterId,
    caseId: 'c0ffee00-0000-4000-8000-000000000001',
    childName: 'Nora Testbarn',
    addressees: ['Per Testforelder', 'Kari Testforelder'],
    receivedOn: '2026-01-05',
    outcome: 'granted',
    reasons: 'Alle vilkår er oppfylt.',
    offeredInstead: [],
    decidedOn: '2026-02-01',
    complaintDeadline: '2026-02-22',
  };
}

/** The write of a grant: event 5, the granted projection with one deadline, a decision letter and its reasons. */
function grantWrite(caseId: string, letterId = randomUUID()): PersistCaseInput {
  return {
    caseId,
    seq: 5,
    event: { type: 'DecisionRecorded', at: '2026-02-01T13:00:00.000Z', actor: 'ke-1', requestId: 'req-grant', data: { outcome: 'granted', letterId } },
    view: viewOf(caseId, granted(), 5, [APPOINT_DEADLINE]),
    letter: decisionLetter(letterId),
    texts: [{ key: `decision:${letterId}`, text: 'Alle vilkår er oppfylt.' }],
  };
}

/** Every row persistCase can write for the case, in a stable order. */
async function rowsOf(caseId: string) {
  const q = async (sql: string) => (await pool.query(sql, [caseId])).rows;
  return {
    events: await q('SELECT seq, type, actor, request_id, occurred_at, data FROM case_events WHERE case_id = $1 ORDER BY seq'),
    cases: await q(
      'SELECT status, version, received_on::text, registered_at, next_deadline, view, decision_outcome, first_decided_on::text, updated_at FROM cases WHERE id = $1',
    ),
    deadlines: await q('SELECT kind, since, due_at, responsible FROM case_deadlines WHERE case_id = $1 ORDER BY kind, since'),
    letters: await q('SELECT id, kind, title, body, html, created_at FROM letters WHERE case_id = $1 ORDER BY id'),
    texts: await q('SELECT key, text FROM case_texts WHERE case_id = $1 ORDER BY key'),
  };
}

describe('persistCase against PostgreSQL', () => {
  test('one call writes exactly the event, the projection, its deadlines, the letter and the texts it was given', async () => {
    const caseId = newCaseId();
    const letterId = randomUUID();
    const input = grantWrite(caseId, letterId);
    await activities.persistCase(input);

    const rows = await rowsOf(caseId);
    expect(rows.events).toEqual([
      {
        seq: 5,
        type: 'DecisionRecorded',
        actor: 'ke-1',
        request_id: 'req-grant',
        occurred_at: new Date('2026-02-01T13:00:00.000Z'),
        data: { outcome: 'granted', letterId },
      },
    ]);
    expect(rows.cases).toHaveLength(1);
    expect(rows.cases[0]).toMatchObject({
      status: 'granted',
      version: 5,
      received_on: '2026-01-05',
      registered_at: new Date('2026-01-05T09:00:00.000Z'),
      next_deadline: new Date(APPOINT_DEADLINE.dueAt),
      decision_outcome: 'granted',
      first_decided_on: '2026-02-01',
    });
    expect(rows.cases[0].view).toEqual(JSON.parse(JSON.stringify(input.view)));
    expect(rows.deadlines).toEqual([{ kind: 'appointment', since: APPOINT_DEADLINE.since, due_at: new Date(APPOINT_DEADLINE.dueAt), responsible: 'ke' }]);
    const body = letterBody(decisionLetter(letterId), MUNICIPALITY);
    expect(rows.letters).toHaveLength(1);
    expect(rows.letters[0]).toMatchObject({ id: letterId, kind: 'decision', title: body.title, created_at: new Date('2026-02-01T13:00:00.000Z') });
    expect(rows.letters[0].body).toEqual(JSON.parse(JSON.stringify(body)));
    expect(rows.letters[0].html).toContain('Nora Testbarn');
    expect(rows.texts).toEqual([{ key: `decision:${letterId}`, text: 'Alle vilkår er oppfylt.' }]);
  });

  test('the same call again (an activity retry) changes nothing and doubles nothing', async () => {
    const caseId = newCaseId();
    const input = grantWrite(caseId);
    await activities.persistCase(input);
    const first = await rowsOf(caseId);
    await activities.persistCase(input);
    await activities.persistCase(input);
    const after = await rowsOf(caseId);
    // Row for row the same, down to the projection's updated_at: the retry did not rewrite it.
    expect(after).toEqual(first);
    expect([after.events.length, after.cases.length, after.deadlines.length, after.letters.length, after.texts.length]).toEqual([1, 1, 1, 1, 1]);
  });

  test('a write of an older version does not overwrite the newer projection or its deadlines, while its event still joins the log', async () => {
    const caseId = newCaseId();
    await activities.persistCase(grantWrite(caseId));
    const newer = await rowsOf(caseId);
    // Version 1 (the registration) arrives late, e.g. a retry that outlived the next command's write.
    await activities.persistCase({
      caseId,
      seq: 1,
      event: { type: 'RequestRegistered', at: '2026-01-05T09:00:00.000Z', actor: 'ke-1', data: { channel: 'written', receivedOn: '2026-01-05' } },
      view: viewOf(caseId, registered(), 1, [CONSENT_DEADLINE]),
    });
    const after = await rowsOf(caseId);
    expect(after.cases).toEqual(newer.cases);
    expect(after.cases[0]).toMatchObject({ status: 'granted', version: 5 });
    expect(after.deadlines).toEqual(newer.deadlines);
    expect(after.events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'RequestRegistered'],
      [5, 'DecisionRecorded'],
    ]);
  });

  test('a write of a newer version replaces the projection and all its deadlines', async () => {
    const caseId = newCaseId();
    await activities.persistCase({
      caseId,
      seq: 1,
      event: { type: 'RequestRegistered', at: '2026-01-05T09:00:00.000Z', actor: 'ke-1', data: {} },
      view: viewOf(caseId, registered(), 1, [CONSENT_DEADLINE]),
    });
    expect((await rowsOf(caseId)).deadlines.map((d) => d.kind)).toEqual(['consent']);
    await activities.persistCase(grantWrite(caseId));
    const after = await rowsOf(caseId);
    expect(after.cases[0]).toMatchObject({ status: 'granted', version: 5, next_deadline: new Date(APPOINT_DEADLINE.dueAt) });
    expect(after.deadlines.map((d) => d.kind)).toEqual(['appointment']);
  });

  test('a text the database refuses for good (a NUL character) fails non-retryable as WriteRefused.Unrecordable, and nothing of the write is kept', async () => {
    const caseId = newCaseId();
    const input = grantWrite(caseId);
    input.texts = [{ key: 'decision:nul', text: 'før\u0000etter' }];
    const failure = await activities.persistCase(input).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: WriteRefused.Unrecordable, nonRetryable: true });
    // The message names the SQLSTATE, not the refused value.
    expect((failure as ApplicationFailure).message).toMatch(/^the database refused the data \(SQLSTATE 22[0-9A-Z]{3}\)$/);
    expect(await rowsOf(caseId)).toEqual({ events: [], cases: [], deadlines: [], letters: [], texts: [] });
  });

  test('a database that cannot be reached fails with the connection error itself, which Temporal retries', async () => {
    const unreachable = new Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 2_000 });
    try {
      const down = createActivities({ pool: unreachable, logger, municipality: MUNICIPALITY });
      const failure = await down.persistCase(grantWrite(newCaseId())).then(
        () => undefined,
        (err: unknown) => err,
      );
      // Not an ApplicationFailure, so not marked non-retryable: the activity's retry policy applies.
      expect(failure).not.toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ code: 'ECONNREFUSED', message: expect.stringContaining('ECONNREFUSED') });
      expect((failure as { nonRetryable?: unknown }).nonRetryable).toBeUndefined();
    } finally {
      await unreachable.end();
    }
  });
});

describe('recordAlert, the outbox write of a due reminder (not part of persistCase)', () => {
  test('one call writes one pending reminder row; the same call again doubles nothing', async () => {
    const caseId = newCaseId();
    const alert = {
      key: `reminder:${caseId}:consent:2026-01-05T09:00:00.000Z`,
      caseId,
      level: 'reminder' as const,
      kind: 'consent',
      recipient: 'ke',
      dueAt: '2026-01-19T09:00:00.000Z',
      firedAt: '2026-01-19T09:00:01.000Z',
    };
    await activities.recordAlert(alert);
    await activities.recordAlert(alert);
    const { rows } = await pool.query('SELECT key, level, kind, recipient, due_at, created_at, status, attempts FROM reminders WHERE case_id = $1', [caseId]);
    expect(rows).toEqual([
      {
        key: alert.key,
        level: 'reminder',
        kind: 'consent',
        recipient: 'ke',
        due_at: new Date(alert.dueAt),
        created_at: new Date(alert.firedAt),
        status: 'pending',
        attempts: 0,
      },
    ]);
  });
});

describe('asPermanent: which write errors are retried', () => {
  const pgError = (code: string) => Object.assign(new DatabaseError(`pg error ${code}`, 0, 'error'), { code });

  test.each([
    ['08006', 'connection failure'],
    ['08001', 'cannot connect now'],
    ['40001', 'serialization failure'],
    ['40P01', 'deadlock'],
    ['53300', 'too many connections'],
    ['57P01', 'admin shutdown'],
    ['58030', 'io error'],
  ])('SQLSTATE %s (%s) is returned as it is, so the activity is retried', (code) => {
    const err = pgError(code);
    expect(asPermanent(err)).toBe(err);
  });

  test.each([
    ['22P05', 'untranslatable character (NUL)'],
    ['22001', 'string too long'],
    ['23505', 'unique violation'],
    ['23502', 'not null violation'],
    ['42703', 'undefined column'],
  ])('SQLSTATE %s (%s) becomes a non-retryable WriteRefused.Unrecordable naming the code', (code) => {
    const failure = asPermanent(pgError(code));
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: WriteRefused.Unrecordable, nonRetryable: true, message: `the database refused the data (SQLSTATE ${code})` });
  });

  test('a TypeError or RangeError from preparing the data is permanent; a network error without SQLSTATE is retried', () => {
    expect(asPermanent(new TypeError('bad'))).toMatchObject({ type: WriteRefused.Unrecordable, nonRetryable: true, message: 'the data could not be processed (TypeError)' });
    expect(asPermanent(new RangeError('bad'))).toMatchObject({ type: WriteRefused.Unrecordable, nonRetryable: true, message: 'the data could not be processed (RangeError)' });
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(asPermanent(reset)).toBe(reset);
  });

  // Node's own socket error codes of five capitals (EPIPE, EBADF) fit the SQLSTATE pattern; only
  // PostgreSQL's errors carry a SQLSTATE, so a broken pipe is retried, not refused for good.
  test.each(['EPIPE', 'EBADF'])('a socket error with a five-letter code (%s) is retried, not taken for a SQLSTATE', (code) => {
    const broken = Object.assign(new Error(`write ${code}`), { code });
    expect(asPermanent(broken)).toBe(broken);
  });

  test('an ApplicationFailure (e.g. a foreign reference) passes through unchanged', () => {
    const foreign = ApplicationFailure.create({ type: WriteRefused.ForeignReference, message: 'x', nonRetryable: true });
    expect(asPermanent(foreign)).toBe(foreign);
  });
});
