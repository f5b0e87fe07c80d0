/**
 * The harness of the hostile-input tests (test/api/hostile-input-*.test.ts; the requests are in
 * hostile-requests.ts): hostile input at every endpoint (property-based, fast-check): generated
 * and malformed bodies, path parameters, query strings, headers, content types and oversized
 * bodies against the real app on real Temporal and Postgres. Two properties hold for every
 * request:
 *  - the answer is never a 5xx, and there always is an answer (within 20 s);
 *  - a rejected request (4xx) changes nothing: the tracked cases' version, event and letter
 *    counts, and the municipality's cases, idempotency keys, units, coordinators and absences
 *    are the same before and after, and its body is problem+json with { type, title, status,
 *    detail }.
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
export const RUNS = Number(process.env.HOSTILE_RUNS ?? 400);
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

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

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
  // A change of coordinator owes the family and the collaborators a message: two tasks.
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
  expect(world.tasks).toHaveLength(2);
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
