/**
 * The harness of the hostile-input tests (test/api/hostile-input-*.test.ts): hostile input at every endpoint (property-based, fast-check): generated and malformed bodies,
 * path parameters, query strings, headers, content types and oversized bodies against the real
 * app on real Temporal and Postgres. Two properties hold for every request:
 *  - the answer is never a 5xx, and there always is an answer (within 20 s);
 *  - a rejected request (4xx) changes nothing: the tracked cases' version, event and letter
 *    counts, and the municipality's cases, idempotency keys, units, coordinators and absences
 *    are the same before and after, and its body is { error, message } with a message.
 *
 * Every test file works in a municipality of its own, so parallel test files cannot move the
 * counts. The run is bounded and reproducible: HOSTILE_SEED and HOSTILE_RUNS override the seed
 * and the number of generated requests; a failure names the seed and the request.
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { caseState, caseWorkflowId } from '../../workflows/case/messages';
import type { RouteAccess } from '../../api/app';
import type { Role } from '../../lib/auth';
import { startServices, type Services } from './services';
import { tokenFor } from './auth';
import { allMet, caseRequest, interview, today } from './fixtures';
import { call } from './http';
import { unitWithCoordinator, newCase } from './cases';

const SEED = Number(process.env.HOSTILE_SEED ?? 20_260_421);
export const RUNS = Number(process.env.HOSTILE_RUNS ?? 600);
/** The municipality of this test file, set by useHostileWorld: one no other test uses. */
let M = '';
const ANSWER_WITHIN_MS = 20_000;

let s: Services;

// ----- the world the requests are thrown at -----

export interface World {
  /** The appointed case with an ansvarsgruppe, meetings, a complaint, a task and letters. */
  main: string;
  /** Sacrificial appointed cases for the commands that end follow-up. */
  toClose: string;
  toWithdraw: string;
  /** A case of another municipality: never reachable from M. */
  foreignCase: string;
  foreignCoordinator: string;
  unitA: string;
  /** The main case's coordinator (after the change of coordinator). */
  mainCoordinator: string;
  /** A coordinator with no cases: the only real target of absences (their fan-out is asynchronous). */
  idleCoordinator: string;
  meetings: string[];
  complaints: string[];
  tasks: string[];
  letters: string[];
}
let w: World;
let routes: RouteAccess[];

let counter = 0;
/** A fresh subject per request keeps the per-token rate limit out of the picture. */
export async function authFor(roles: readonly Role[]): Promise<string> {
  const role: Role = roles.includes('ke') ? 'ke' : roles[0];
  return `Bearer ${await tokenFor({ roles: [role], sub: `hostile-${role}-${counter++}`, municipality: role === 'ops' ? null : M })}`;
}

async function setup(url: string, body: unknown, expected = 200) {
  const res = await call(s.app, 'POST', url, body, { authorization: await authFor(['ke']) });
  if (res.status !== expected) throw new Error(`setup: POST ${url} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

async function appointedCase(unitId: string, coordinatorId: string): Promise<string> {
  const { id } = await setup('/cases', caseRequest(), 201);
  await setup(`/cases/${id}/consents`, { givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment', 'information_sharing'], givenOn: today() });
  await setup(`/cases/${id}/kartlegging`, interview);
  await setup(`/cases/${id}/kartlegging/assessment`, allMet);
  await setup(`/cases/${id}/decision`, { outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', decidedOn: today() });
  await setup(`/cases/${id}/appointment`, { unitId, coordinatorId, appointedOn: today() });
  return id;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function buildWorld(): Promise<World> {
  const tag = randomUUID().slice(0, 8);
  const unitA = (await setup('/units', { name: `Hostil helsestasjon ${tag}`, sector: 'health' }, 201)).id;
  const coordinatorA = (await setup('/coordinators', { unitId: unitA, name: 'Kim Koordinator', email: `kim.${tag}@kommune.no` }, 201)).id;
  const coordinatorA2 = (await setup('/coordinators', { unitId: unitA, name: 'Kari Koordinator', email: `kari.${tag}@kommune.no` }, 201)).id;
  const unitB = (await setup('/units', { name: `Hostil skole ${tag}`, sector: 'childhood' }, 201)).id;
  const idleCoordinator = (await setup('/coordinators', { unitId: unitB, name: 'Ola Ledig', email: `ola.${tag}@kommune.no` }, 201)).id;

  const main = await appointedCase(unitA, coordinatorA);
  await setup(`/cases/${main}/ansvarsgruppe`, { intervalMonths: 3, firstMeetingAt: inDays(10) });
  const extra = await setup(`/cases/${main}/meetings`, { at: inDays(5) });
  const planned = extra.followUp.meetings.find((m: { at: string; status: string }) => m.status === 'planned');
  await setup(`/cases/${main}/meetings/${planned.id}/held`, { heldOn: today() });
  await setup(`/cases/${main}/complaints`, { about: 'right_not_fulfilled', receivedOn: today() });
  // A change of coordinator owes the collaborators a message: a task.
  const view = await setup(`/cases/${main}/appointment`, { unitId: unitA, coordinatorId: coordinatorA2, appointedOn: today() });
  const letters = await call(s.app, 'GET', `/cases/${main}/letters`, undefined, { authorization: await authFor(['ke']) });

  const toClose = await appointedCase(unitA, coordinatorA);
  const toWithdraw = await appointedCase(unitA, coordinatorA);
  const closeLetters = await call(s.app, 'GET', `/cases/${toClose}/letters`, undefined, { authorization: await authFor(['ke']) });

  const foreign = await unitWithCoordinator(s.app);
  const foreignCase = await newCase(s.app);
  const ids = (xs: { id: string }[] | undefined) => (xs ?? []).map((x) => x.id);
  const world: World = {
    main,
    toClose,
    toWithdraw,
    foreignCase,
    foreignCoordinator: foreign.coordinatorId,
    unitA,
    mainCoordinator: coordinatorA2,
    idleCoordinator,
    meetings: ids(view.followUp.meetings),
    complaints: ids(view.complaints),
    tasks: ids(view.tasks),
    letters: [...ids(letters.body.letters), ...ids(closeLetters.body.letters)],
  };
  // The world must really be as advanced as the tests assume.
  expect(view.status).toBe('appointed');
  expect(world.meetings.length).toBeGreaterThanOrEqual(2);
  expect(world.complaints).toHaveLength(1);
  expect(world.tasks).toHaveLength(1);
  expect(world.letters.length).toBeGreaterThanOrEqual(2);
  return world;
}

/**
 * Starts this file's services and builds its world in `municipality` before its tests, and closes
 * them after. Each test file that throws hostile requests calls it once, with a municipality of its
 * own, so that files running in parallel cannot move each other's counts.
 */
export function useHostileWorld(municipality: string): void {
  beforeAll(async () => {
    M = municipality;
    s = await startServices();
    w = await buildWorld();
    routes = s.app.routeAccess.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !r.url.startsWith('/docs'));
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });
}

/** The running services, the world the requests are thrown at, and the routes under test. */
export const services = (): Services => s;
export const world = (): World => w;
export const hostileRoutes = (): RouteAccess[] => routes;

// ----- state: what a rejected request must leave alone -----

export const tracked = () => [w.main, w.toClose, w.toWithdraw, w.foreignCase];

/**
 * The state a rejected request must leave alone. It reads the rows GET /cases/:id (the
 * projection's view and version), GET /cases/:id/events and GET /cases/:id/letters read, but
 * straight from PostgreSQL, so that checking does not itself count against the rate limit or
 * write access-log rows; with a case id it also asks that case's workflow for its version, so
 * a workflow that moved on without its projection is caught too.
 */
export async function snapshot(caseId?: string): Promise<unknown> {
  const { rows } = await s.pool.query(
    `SELECT
       (SELECT json_agg(json_build_object(
           'id', c.id, 'status', c.status, 'version', c.version, 'viewVersion', (c.view->>'version')::int,
           'events', (SELECT count(*) FROM case_events e WHERE e.case_id = c.id),
           'letters', (SELECT count(*) FROM letters l WHERE l.case_id = c.id)) ORDER BY c.id)
          FROM cases c WHERE c.id = ANY($2::uuid[])) AS tracked,
       (SELECT count(*)::int FROM cases WHERE municipality = $1) AS cases,
       (SELECT count(*)::int FROM case_requests WHERE idempotency_key LIKE $1 || ':%') AS "idempotencyKeys",
       (SELECT count(*)::int FROM units WHERE municipality = $1) AS units,
       (SELECT count(*)::int FROM coordinators WHERE municipality = $1) AS coordinators,
       (SELECT count(*)::int FROM absences a JOIN coordinators k ON k.id = a.coordinator_id WHERE k.municipality = $1) AS absences`,
    [M, tracked()],
  );
  if (caseId === undefined) return rows[0];
  const view = await s.client.workflow.getHandle(caseWorkflowId(caseId)).query(caseState);
  return { ...rows[0], workflowVersion: view?.version };
}

/** The tracked case of this municipality a URL is about, if any. */
const caseOf = (url: string) => [w.main, w.toClose, w.toWithdraw].find((id) => url.startsWith(`/cases/${id}`));

// ----- one request, and the checks every request gets -----

export interface Hostile {
  method: string;
  url: string;
  /** The route pattern, for the tally and the messages. */
  route: string;
  payload?: string | Buffer;
  headers: Record<string, string>;
  /** Set when the path names another municipality's case or coordinator: that is never a success. */
  foreign?: boolean;
}

export const statuses = new Map<string, Map<number, number>>();
function tally(route: string, status: number) {
  const byStatus = statuses.get(route) ?? new Map<number, number>();
  byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  statuses.set(route, byStatus);
}

const describeRequest = (r: Hostile) => {
  const body = r.payload === undefined ? '(none)' : String(r.payload).length > 400 ? `${String(r.payload).slice(0, 400)}… (${String(r.payload).length} chars)` : String(r.payload);
  const { authorization: _, ...headers } = r.headers;
  return `${r.method} ${r.url.length > 300 ? `${r.url.slice(0, 300)}…` : r.url} headers=${JSON.stringify(headers)} body=${body}`;
};

async function send(r: Hostile): Promise<{ status: number; body: string; type: string }> {
  let timer: NodeJS.Timeout | undefined;
  const answer = s.app.inject({ method: r.method as InjectOptions['method'], url: r.url, payload: r.payload, headers: r.headers });
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms (seed ${SEED}): ${describeRequest(r)}`)), ANSWER_WITHIN_MS);
  });
  try {
    const res = await Promise.race([answer, late]);
    return { status: res.statusCode, body: res.body, type: String(res.headers['content-type'] ?? '') };
  } finally {
    clearTimeout(timer);
  }
}

/** Sends one request and checks the two properties; returns the status. */
export async function hit(r: Hostile): Promise<number> {
  const target = caseOf(r.url);
  const before = await snapshot(target);
  const res = await send(r);
  tally(r.route, res.status);
  const where = `${describeRequest(r)} → ${res.status} ${res.body.slice(0, 500)} (seed ${SEED})`;
  if (res.status >= 500) throw new Error(`server error: ${where}`);
  if (r.foreign && res.status < 400) throw new Error(`another municipality's resource was reachable: ${where}`);
  if (res.status >= 400) {
    if (!res.type.startsWith('application/problem+json')) throw new Error(`a 4xx that is not problem+json: ${where}`);
    let body: { type?: unknown; title?: unknown; status?: unknown; detail?: unknown };
    try {
      body = JSON.parse(res.body);
    } catch {
      throw new Error(`a 4xx without a JSON body: ${where}`);
    }
    if (typeof body.type !== 'string' || typeof body.title !== 'string' || body.status !== res.status || typeof body.detail !== 'string' || body.detail.trim() === '') {
      throw new Error(`a 4xx without { type, title, status, detail }: ${where}`);
    }
    const after = await snapshot(target);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      throw new Error(`a rejected request changed state: ${where}\nbefore ${JSON.stringify(before)}\nafter  ${JSON.stringify(after)}`);
    }
  }
  return res.status;
}

// ----- valid bodies, from which the hostile ones are made -----

const b64 = (text: string) => Buffer.from(text).toString('base64');

export function validBody(method: string, url: string): Record<string, unknown> | undefined {
  if (method !== 'POST') return undefined;
  const bodies: Record<string, () => Record<string, unknown>> = {
    '/cases': () => caseRequest({ caseworkerId: 'ke-hostile' }),
    '/cases/:id/consents': () => ({ givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment', 'information_sharing'], givenOn: today() }),
    '/cases/:id/consents/withdrawal': () => ({ scopes: ['information_sharing'], withdrawnBy: 'Per Testforelder', on: today() }),
    '/cases/:id/kartlegging/schedule': () => ({ scheduledAt: inDays(3) }),
    '/cases/:id/kartlegging': () => ({ ...interview, childAbsenceReason: 'Syk.' }),
    '/cases/:id/kartlegging/assessment': () => allMet,
    '/cases/:id/decision': () => ({ outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', offeredInstead: [], decidedOn: today() }),
    '/cases/:id/complaints': () => ({ about: 'right_not_fulfilled', receivedOn: today(), familyLearnedOn: today() }),
    '/cases/:id/complaints/:complaintId/outcome': () => ({ outcome: 'reversed_by_ke', reasons: 'KE gir klager medhold.', on: today() }),
    '/cases/:id/appointment': () => ({ unitId: w.unitA, coordinatorId: w.mainCoordinator, appointedOn: today() }),
    '/cases/:id/kick-off': () => ({ heldOn: today() }),
    '/cases/:id/ansvarsgruppe': () => ({ intervalMonths: 3, firstMeetingAt: inDays(20) }),
    '/cases/:id/meetings': () => ({ at: inDays(30) }),
    '/cases/:id/meetings/:meetingId/move': () => ({ at: inDays(40) }),
    '/cases/:id/meetings/:meetingId/cancellation': () => ({}),
    '/cases/:id/meetings/:meetingId/held': () => ({ heldOn: today() }),
    '/cases/:id/meetings/:meetingId/minutes': () => ({ writtenOn: today() }),
    '/cases/:id/individual-plan': () => ({ status: 'in_progress', on: today() }),
    '/cases/:id/birth': () => ({ birthDate: today() }),
    '/cases/:id/tasks/:taskId/completion': () => ({ doneOn: today() }),
    '/cases/:id/extension': () => ({ toAge: 20 }),
    '/cases/:id/closure': () => ({ reason: 'other', on: today(), note: 'Familien har flyttet.' }),
    '/units': () => ({ name: `Enhet ${randomUUID().slice(0, 8)}`, sector: 'welfare' }),
    '/coordinators': () => ({ unitId: w.unitA, name: 'Ny Koordinator', email: `ny.${randomUUID().slice(0, 8)}@kommune.no`, subject: `sub-${randomUUID()}` }),
    '/coordinators/:id/absences': () => ({ kind: 'leave', from: today(), until: inDays(10).slice(0, 10), substituteId: w.mainCoordinator }),
    '/codec/encode': () => ({ payloads: [{ metadata: { encoding: b64('json/plain') }, data: b64('"Nora"') }] }),
    '/codec/decode': () => ({ payloads: [{ metadata: { encoding: b64('json/plain') }, data: b64('"Nora"') }] }),
  };
  return bodies[url]?.() ?? {};
}

/** Every path in a JSON value, objects and arrays included, as lists of keys. */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

export function withPath(body: unknown, path: (string | number)[], change: (parent: any, key: string | number) => void): unknown {
  const copy = clone(body);
  let parent: any = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  change(parent, path[path.length - 1]);
  return copy;
}

const objectPaths = (body: unknown) => [[], ...pathsOf(body)].filter((p) => {
  let v: any = body;
  for (const k of p) v = v[k];
  return v !== null && typeof v === 'object' && !Array.isArray(v);
});

// ----- arbitraries -----

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Dates shaped like YYYY-MM-DD: extreme years, and days that do not exist. */
const dateText = fc
  .tuple(fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 1970, 2000, 2024, 2025, 2026, 2100)), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const instantText = fc
  .tuple(dateText, fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.constantFrom('Z', '+00:00', '+01:00', '+14:00', '-12:00', '+23:59', '-23:59', '', '.999Z'))
  .map(([d, h, m, z]) => `${d}T${pad(h, 2)}:${pad(m, 2)}:00${z}`);

const edgeValues = () =>
  fc.constantFrom<unknown>(
    '',
    ' ',
    '\t\n',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\u202e',
    '🧒'.repeat(120),
    '<script>alert(1)</script>',
    "'; DROP TABLE cases; --",
    '__proto__',
    'constructor',
    'x'.repeat(201),
    'x'.repeat(10_001),
    -1,
    0,
    -0,
    1.5,
    19,
    25,
    26,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    true,
    false,
    null,
    [],
    {},
    [null],
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    randomUUID().toUpperCase(),
    `{${randomUUID()}}`,
    w.main,
    w.foreignCase,
    w.idleCoordinator,
    w.foreignCoordinator,
    w.unitA,
    w.meetings[0],
    'granted',
    'refused',
    'appointment',
    'information_sharing',
    'young_person',
    'leave',
    'departure',
    'not-an-email',
    'a@b',
    '0000-01-01',
    '9999-12-31',
    '2026-02-29',
    '2024-02-29',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999+14:00',
    '275760-09-13T00:00:00Z',
    'bmFtZQ==',
    '====',
  );

const fieldValue = () =>
  fc.oneof(
    { weight: 3, arbitrary: edgeValues() },
    { weight: 2, arbitrary: fc.anything({ maxDepth: 3 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()) },
    { weight: 2, arbitrary: dateText },
    { weight: 2, arbitrary: instantText },
    { weight: 1, arbitrary: fc.array(fc.oneof(edgeValues(), fc.string({ maxLength: 20 })), { maxLength: 40 }) },
  );

/** What lies at the bottom of the nesting: a plain string, or one PostgreSQL cannot store. */
const DEEP_BOTTOMS = { plain: '"bunn"', nul: '"bunn\\u0000"', surrogate: '"\\ud800"' };
/**
 * Deep nesting is written as text: a placeholder in the value, expanded after JSON.stringify
 * (which would itself run out of stack on 10 000 levels).
 */
const deep = (depth: number, kind: 'object' | 'array', bottom: string) => `@@deep:${depth}:${kind}:${bottom}@@`;
const deepText = (depth: number, kind: string, bottom: string) =>
  kind === 'object' ? `${'{"a":'.repeat(depth)}${bottom}${'}'.repeat(depth)}` : `${'['.repeat(depth)}${bottom}${']'.repeat(depth)}`;
const toJson = (value: unknown) =>
  JSON.stringify(value)?.replace(/"@@deep:(\d+):(object|array):(\w+)@@"/g, (_m, depth, kind, bottom) => deepText(Number(depth), kind, DEEP_BOTTOMS[bottom as keyof typeof DEEP_BOTTOMS]));

const longText = (n: number) => 'Å'.repeat(n);

/** A body for a route, as a JSON value (undefined: no body at all). */
function bodyFor(method: string, url: string): fc.Arbitrary<unknown> {
  const base = validBody(method, url) ?? {};
  const paths = pathsOf(base);
  const objects = objectPaths(base);
  const pick = <T>(xs: T[]) => fc.nat({ max: Math.max(0, xs.length - 1) }).map((i) => xs[i]);
  const options: fc.WeightedArbitrary<unknown>[] = [
    { weight: 1, arbitrary: fc.constant(base) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.anything() },
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.object() },
    // An unknown field at the top or inside a nested object.
    {
      weight: 2,
      arbitrary: fc.tuple(pick(objects), fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('diagnosis', 'id', 'version', 'municipality', 'actor', 'type', 'a\u0000', '\udc00')), fieldValue()).map(
        ([path, key, value]) => (path.length === 0 ? { ...base, [key]: value } : withPath(base, path, (parent, k) => (parent[k] = { ...parent[k], [key]: value }))),
      ),
    },
    // Over-long strings: every string in the body, or one.
    { weight: 1, arbitrary: fc.constantFrom(201, 10_001, 60_000).map((n) => JSON.parse(JSON.stringify(base, (_k, v) => (typeof v === 'string' ? longText(n) : v)))) },
    // Deep nesting in place of the body or of one field.
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(63, 64, 65, 1_000, 10_000), fc.constantFrom<'object' | 'array'>('object', 'array'), fc.constantFrom('plain', 'nul', 'surrogate'), fc.option(pick(paths), { nil: undefined }))
        .map(([depth, kind, bottom, path]) =>
          path === undefined || paths.length === 0 ? deep(depth, kind, bottom) : withPath(base, path, (parent, k) => (parent[k] = deep(depth, kind, bottom))),
        ),
    },
  ];
  if (paths.length > 0) {
    // One field replaced by an arbitrary value, or dropped.
    options.push({ weight: 6, arbitrary: fc.tuple(pick(paths), fieldValue()).map(([path, value]) => withPath(base, path, (parent, k) => (parent[k] = value))) });
    options.push({
      weight: 3,
      arbitrary: pick(paths).map((path) =>
        withPath(base, path, (parent, k) => {
          if (Array.isArray(parent)) parent.splice(Number(k), 1);
          else delete parent[k];
        }),
      ),
    });
  }
  return fc.oneof(...options);
}

const MALFORMED_IDS = ['not-a-uuid', 'null', 'undefined', '0', '-1', '1e3', ' ', "' OR '1'='1", 'a'.repeat(2_000), '../../etc/passwd', '💥', '00000000-0000-0000-0000-00000000000g'];
/** Raw, already encoded or deliberately broken path segments. */
const RAW_SEGMENTS = ['%', '%zz', '%00', '%2e%2e', '..%2F..%2Fhealth', '%E2%80%AE', `${randomUUID()}%20`, `${randomUUID()}?x=1`, `${randomUUID()}/extra`];

function idFor(route: string, param: string): fc.Arbitrary<{ segment: string; foreign?: boolean }> {
  const own = (ids: string[]) => ids.map((id) => ({ segment: id }));
  let real: { segment: string; foreign?: boolean }[];
  if (param === 'id' && route.startsWith('/cases/')) {
    const primary = route === '/cases/:id/closure' ? w.toClose : route === '/cases/:id/consents/withdrawal' ? w.toWithdraw : w.main;
    real = [{ segment: primary }, { segment: primary }, { segment: primary }, { segment: w.foreignCase, foreign: true }];
  } else if (param === 'id' && route === '/coordinators/:id/absences') {
    real = [{ segment: w.idleCoordinator }, { segment: w.idleCoordinator }, { segment: w.foreignCoordinator, foreign: true }];
  } else if (param === 'id' && route.startsWith('/coordinators/')) {
    real = [{ segment: w.mainCoordinator }, { segment: w.idleCoordinator }, { segment: w.foreignCoordinator, foreign: true }];
  } else if (param === 'meetingId') real = own(w.meetings);
  else if (param === 'complaintId') real = own(w.complaints);
  else if (param === 'taskId') real = own(w.tasks);
  else if (param === 'letterId') real = own(w.letters);
  else real = [];
  return fc.oneof(
    { weight: real.length > 0 ? 6 : 0, arbitrary: fc.constantFrom(...(real.length > 0 ? real : [{ segment: randomUUID() }])) },
    { weight: 1, arbitrary: fc.uuid().map((u) => ({ segment: u })) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_IDS).map((m) => ({ segment: encodeURIComponent(m) })) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((m) => ({ segment: m })) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 50 }).map((m) => ({ segment: encodeURIComponent(m) })) },
  );
}

const QUERY_KEYS = ['status', 'unitId', 'coordinatorId', 'limit', 'offset', 'dueWithinDays', 'responsible', 'kind', 'year', 'format', 'id', '__proto__', 'constructor'];
const queryValue = fc.oneof(
  fc.constantFrom('', '0', '-1', '1', '500', '501', '1e3', '2026', '1999', '2101', 'NaN', 'Infinity', 'csv', 'json', 'xml', 'appointed', 'closed', 'ke', 'coordinator:x', 'minutes', '9'.repeat(400)),
  fc.string({ maxLength: 40 }),
  fc.uuid(),
);
const queryArb = fc.option(
  fc.oneof(
    fc.constantFrom('year=2026', 'year=2026&format=csv', 'year=2000&format=json', 'dueWithinDays=14&kind=minutes', 'dueWithinDays=366&responsible=ke', 'status=appointed&limit=5', 'limit=1&offset=0'),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ minLength: 1, maxLength: 10 })), queryValue), { maxLength: 4 }).map((pairs) => {
    const q = new URLSearchParams();
    for (const [k, v] of pairs) q.append(k, v);
    return q.toString();
  }),
  ),
  { nil: undefined },
);

const printable = (max: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: max });
const headersArb = fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.record(
  {
    accept: fc.constantFrom('application/pdf', 'application/json', 'text/csv', 'text/html', '*/*', 'text/html;q=0', 'image/png', 'garbage', ''),
    'x-access-reason': fc.oneof(printable(310), fc.constantFrom('Oppfølging av saken', 'ab', 'x'.repeat(301), '<>')),
    'idempotency-key': fc.oneof(printable(210), fc.constantFrom(`hostile-${randomUUID()}`, 'fast-nøkkel')),
    'x-request-id': fc.oneof(printable(120), fc.constantFrom('ok-id', 'a'.repeat(101))),
    'x-namespace': fc.constantFrom('default', 'other', ''),
  },
  { requiredKeys: [] },
) });

export function requestFor(route: RouteAccess): fc.Arbitrary<Promise<Hostile>> {
  const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const ids = fc.tuple(...params.map((p) => idFor(route.url, p)));
  const body = route.method === 'GET' ? fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.jsonValue() }) : bodyFor(route.method, route.url);
  return fc.tuple(ids, body, queryArb, headersArb).map(async ([segments, value, query, headers]) => {
    let url = route.url;
    params.forEach((p, i) => (url = url.replace(`:${p}`, segments[i].segment)));
    if (query) url += `?${query}`;
    const payload = value === undefined ? undefined : toJson(value);
    return {
      method: route.method,
      url,
      route: `${route.method} ${route.url}`,
      payload,
      headers: { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers, authorization: await authFor(access(route)) },
      foreign: segments.some((sg) => sg.foreign),
    };
  });
}

export const access = (route: RouteAccess): readonly Role[] => (route.access === 'public' ? ['ke'] : route.access.roles);
export const postRoutes = () => routes.filter((r) => r.method === 'POST');
export const pathOf = (route: RouteAccess) =>
  route.url
    .replace(':id', route.url.startsWith('/coordinators/') ? w.idleCoordinator : route.url === '/cases/:id/closure' ? w.toClose : w.main)
    .replace(':meetingId', w.meetings[0])
    .replace(':complaintId', w.complaints[0])
    .replace(':taskId', w.tasks[0])
    .replace(':letterId', w.letters[0]);

export async function runProperty(name: string, arb: fc.Arbitrary<Promise<Hostile>>, numRuns: number) {
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(arb, async (request) => {
      await hit(await request);
    }),
    { seed: SEED, numRuns, endOnFailure: true },
  );
  const ms = Date.now() - started;
  if (process.env.HOSTILE_VERBOSE) console.log(`${name}: ${numRuns} requests in ${ms} ms (seed ${SEED})`);
}

// ----- the tests -----
