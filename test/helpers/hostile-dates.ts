/**
 * The harness of the hostile-dates tests (test/api/hostile-dates-*.test.ts; the fields are in
 * hostile-date-fields.ts): hostile dates at every date and time field of every command
 * (property-based, fast-check, a fixed seed), against the real app on real Temporal and
 * Postgres. Each field gets the boundary values (0000-01-01, 0001-01-01, 1899-12-31, 2090-01-01,
 * 9999-12-31 and the edges of the range the API admits), random calendar dates of the years
 * 0000–9999, dates around today, and for times random instants with random UTC offsets. For
 * every request:
 *  - there is an answer within 20 s, and it is a 2xx or a 4xx, never a 5xx;
 *  - a 4xx names the field (the edge's 400) or the rule (the case's 409) in its message, and
 *    leaves the case as it was: the projection's version and the workflow's version are the
 *    same before and after;
 *  - a 2xx moves the case one version on, in the projection and in the workflow alike.
 * At the end every case the requests were thrown at still takes an ordinary command.
 *
 * HOSTILE_DATES_SEED and HOSTILE_DATES_RUNS override the seed and the number of random values
 * per field; a failure names the seed, the field and the value.
 */
import fc from 'fast-check';
import { caseState, caseWorkflowId } from '../../workflows/case/messages';
import { addDaysToDate } from '../../workflows/case/dates';
import { startServices, type Services } from './services';
import { tokenFor } from './auth';
import { allMet, today, yearsAgo } from './fixtures';

export const SEED = Number(process.env.HOSTILE_DATES_SEED ?? 20_261_129);
export const RUNS = Number(process.env.HOSTILE_DATES_RUNS ?? 8);
const ANSWER_WITHIN_MS = 20_000;

let s: Services;
/** Starts this file's services before its tests and closes them after; each hostile-dates test file calls it once. */
export function useServices(): void {
  beforeAll(async () => {
    s = await startServices();
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });
}
export const services = (): Services => s;

// ----- requests -----

let counter = 0;
/** A few subjects in turn keep the per-token rate limit out of the picture. */
const auth = async () => `Bearer ${await tokenFor({ roles: ['ke'], sub: `hostile-dates-${counter++ % 8}` })}`;

interface Answer {
  status: number;
  body: any;
}

export async function send(method: 'GET' | 'POST', url: string, payload?: unknown, what = `${method} ${url}`): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined;
  const answer = s.app.inject({ method, url, payload: payload as object, headers: { authorization: await auth(), 'x-access-reason': 'test av datoer' } });
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms (seed ${SEED}): ${what} ${JSON.stringify(payload)}`)), ANSWER_WITHIN_MS);
  });
  try {
    const res = await Promise.race([answer, late]);
    return { status: res.statusCode, body: String(res.headers['content-type'] ?? '').includes('json') ? res.json() : res.body };
  } finally {
    clearTimeout(timer);
  }
}

/** A step of a fixture: it must succeed. */
export async function ok(url: string, body: unknown, expected = 200) {
  const res = await send('POST', url, body);
  if (res.status !== expected) throw new Error(`setup: POST ${url} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The case's version in the projection and in the workflow. */
export async function versions(caseId: string) {
  const { rows } = await s.pool.query<{ version: number }>('SELECT version FROM cases WHERE id = $1', [caseId]);
  const view = await s.client.workflow.getHandle(caseWorkflowId(caseId)).query(caseState);
  return { projection: rows[0]?.version, workflow: view?.version };
}

/**
 * The versions once the case has settled: what the workflow does by itself (a leave that is
 * over ends, a child past 18 is closed) is written to the projection a moment after it happens.
 */
export async function settled(caseId: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await versions(caseId);
    if (v.projection === v.workflow || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ----- dates: the case's own dates lie in the past, so that rules have room on both sides -----

export const day = (days: number) => addDaysToDate(today(), days);
const RECEIVED = day(-40);
const CONSENTED = day(-40);
const INTERVIEWED = day(-35);
const DECIDED = day(-30);
const APPOINTED = day(-25);
export const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

export const request = (child: Record<string, unknown> = { name: 'Dato Testbarn', birthDate: yearsAgo(7) }, receivedOn = RECEIVED) => ({
  child,
  consenters: [{ name: 'Per Testforelder', role: 'parent' }],
  channel: 'written',
  reasons: 'Familien har mange tjenester som ikke henger sammen.',
  receivedOn,
});
export const unbornRequest = () => request({ name: 'Ufødt Testbarn', expectedDate: day(30) });
export const consent = (givenOn = CONSENTED) => ({ givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment', 'information_sharing'], givenOn });

// ----- cases in the state each command needs -----

/** Coordinators a and b take the cases; `absent` has one case of its own, the only one its absences reach. */
let registry: { unitId: string; a: string; b: string; absent: string } | undefined;
export async function coordinators() {
  if (registry) return registry;
  const tag = Math.random().toString(36).slice(2, 10);
  const unit = await ok('/units', { name: `Datoenhet ${tag}`, sector: 'health' }, 201);
  const coordinator = async (name: string) => (await ok('/coordinators', { unitId: unit.id, name: `Dato ${name}`, email: `dato.${name}.${tag}@kommune.no` }, 201)).id as string;
  registry = { unitId: unit.id, a: await coordinator('a'), b: await coordinator('b'), absent: await coordinator('borte') };
  return registry;
}
/** The coordinators once coordinators() has made them. */
export const coordinatorRegistry = () => registry;

export const registered = async (body: unknown = request()) => (await ok('/cases', body, 201)).id as string;
export async function consented() {
  const id = await registered();
  await ok(`/cases/${id}/consents`, consent());
  return id;
}
export async function mapped(assessment = allMet) {
  const id = await consented();
  await ok(`/cases/${id}/kartlegging`, { heldOn: INTERVIEWED, participants: ['Per Testforelder'], childParticipated: true });
  await ok(`/cases/${id}/kartlegging/assessment`, assessment);
  return id;
}
export async function granted() {
  const id = await mapped();
  await ok(`/cases/${id}/decision`, { outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', decidedOn: DECIDED });
  return id;
}
export async function refused() {
  const id = await mapped({ ...allMet, seriousCondition: { met: false, text: 'Ikke alvorlig nok.' } });
  await ok(`/cases/${id}/decision`, { outcome: 'refused', reasons: 'Vilkår b.', offeredInstead: ['coordinated_services'], decidedOn: DECIDED });
  return id;
}
export async function appointed(to?: string) {
  const id = await granted();
  const { unitId, a } = await coordinators();
  await ok(`/cases/${id}/appointment`, { unitId, coordinatorId: to ?? a, appointedOn: APPOINTED });
  return id;
}
export async function withGroup() {
  const id = await appointed();
  const view = await ok(`/cases/${id}/ansvarsgruppe`, { intervalMonths: 3, firstMeetingAt: inHours(24 * 10) });
  return { id, view };
}
export const plannedMeeting = (view: any): string | undefined => view.followUp.meetings.find((m: { status: string }) => m.status === 'planned')?.id;

// ----- the fields -----

/** Where the requests go: a URL, the case it is about, and how to build a body from the value. */
export interface Target {
  caseId?: string;
  url: string;
  body: (value: string) => unknown;
}

export interface Field {
  /** The route and field, for the test name and the messages. */
  name: string;
  kind: 'date' | 'instant';
  /** What a 4xx must name: the field, or the rule that refused it. */
  names: RegExp;
  prepare: () => Promise<Target>;
  /** After a success: the target for the next value (undefined: prepare a fresh one). */
  next?: (target: Target, answer: Answer) => Promise<Target | undefined>;
  /** After a success of POST /cases: the case made. */
  made?: (answer: Answer) => string | undefined;
}

// ----- values -----

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const BOUNDARY_DATES = ['0000-01-01', '0001-01-01', '1899-12-31', '1900-01-01', '2090-01-01', '2199-12-31', '2200-01-01', '9999-12-31'];
const BOUNDARY_INSTANTS = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+14:00',
  '1899-12-31T23:59:59Z',
  '1900-01-01T00:00:00Z',
  '2090-01-01T12:00:00+01:00',
  '2199-12-31T23:59:59.999Z',
  '2199-12-31T23:00:00-12:00',
  '9999-12-31T23:59:59.999+14:00',
];
/** Any calendar date of the years 0000–9999. */
const anyDate = fc.date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T00:00:00.000Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const offset = fc.constantFrom('Z', '+00:00', '+01:00', '+02:00', '+14:00', '-12:00', '+05:30');
const instantAt = (ms: number, tz: string) => {
  const minutes = tz === 'Z' ? 0 : (tz[0] === '-' ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(4, 6)));
  const local = new Date(ms + minutes * 60_000).toISOString().slice(0, 19);
  return `${local}${tz}`;
};
export const dateValues = fc.oneof(
  { weight: 2, arbitrary: anyDate },
  { weight: 3, arbitrary: fc.integer({ min: -800, max: 800 }).map(day) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 9999 }).map((y) => `${pad(y, 4)}-12-31`) },
);
const instantValues = fc.oneof(
  { weight: 2, arbitrary: fc.tuple(fc.date({ min: new Date('0000-01-02T00:00:00.000Z'), max: new Date('9999-12-30T00:00:00.000Z'), noInvalidDate: true }), offset).map(([d, tz]) => instantAt(d.getTime(), tz)) },
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: -24 * 800, max: 24 * 800 }), offset).map(([h, tz]) => instantAt(Date.now() + h * 3_600_000, tz)) },
);

// ----- the property -----

/** Every case the requests reached, to check at the end. */
export const touched = new Set<string>();
export const statuses = new Map<string, Map<number, number>>();

export async function runField(field: Field, index: number) {
  let target: Target | undefined;
  const examples = (field.kind === 'date' ? [...BOUNDARY_DATES, today(), day(-1)] : [...BOUNDARY_INSTANTS, inHours(1), inHours(-1)]).map((v) => [v] as [string]);
  const seed = SEED + index;
  await fc.assert(
    fc.asyncProperty(field.kind === 'date' ? dateValues : instantValues, async (value) => {
      target ??= await field.prepare();
      const t = target;
      const where = `${field.name} = ${JSON.stringify(value)} (seed ${seed})`;
      const before = t.caseId ? await versions(t.caseId) : undefined;
      const res = await send('POST', t.url, t.body(value), where);
      const byStatus = statuses.get(field.name) ?? new Map<number, number>();
      byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
      statuses.set(field.name, byStatus);
      if (res.status >= 500) throw new Error(`server error ${res.status} at ${where}: ${JSON.stringify(res.body)}`);
      if (t.caseId) touched.add(t.caseId);
      if (res.status >= 400) {
        const message = typeof res.body?.detail === 'string' ? res.body.detail : '';
        if (!field.names.test(message) && !field.names.test(message.replace(/^body\./, ''))) {
          throw new Error(`a ${res.status} that does not name the field or its rule at ${where}: ${JSON.stringify(res.body)}`);
        }
        if (t.caseId) {
          const after = await versions(t.caseId);
          expect({ where, after }).toEqual({ where, after: before });
          expect({ where, same: after.workflow === after.projection }).toEqual({ where, same: true });
        }
        return;
      }
      if (t.caseId) {
        const after = await versions(t.caseId);
        expect({ where, after }).toEqual({ where, after: { projection: before!.projection + 1, workflow: before!.projection + 1 } });
        expect(res.body.version).toBe(after.projection);
      }
      const made = field.made?.(res);
      if (made) {
        touched.add(made);
        expect(res.body.version).toBe(1);
        const v = await settled(made);
        expect({ where, same: v.projection === v.workflow && v.projection !== undefined }).toEqual({ where, same: true });
      }
      target = field.next ? await field.next(t, res) : undefined;
    }),
    { seed, numRuns: examples.length + RUNS, examples, endOnFailure: true },
  );
}

/**
 * Every case the requests reached takes an ordinary command, or is closed, and its projection and
 * workflow agree; no case workflow is stuck.
 */
export async function expectTouchedCasesSound(): Promise<void> {
  for (const id of touched) {
    const before = await settled(id);
    const view = (await send('GET', `/cases/${id}`)).body;
    expect({ id, version: view.version }).toEqual({ id, version: before.projection });
    if (view.status === 'closed') {
      expect({ id, ...before }).toEqual({ id, projection: before.projection, workflow: before.projection });
      continue;
    }
    const res = await send('POST', `/cases/${id}/consents`, consent(today()));
    expect({ id, status: res.status }).toEqual({ id, status: 200 });
    expect({ id, ...(await versions(id)) }).toEqual({ id, projection: before.projection + 1, workflow: before.projection + 1 });
  }
  const stuck: string[] = [];
  for (const id of touched) {
    const description = await s.client.workflow.getHandle(caseWorkflowId(id)).describe();
    const attempt = description.raw.pendingWorkflowTask?.attempt ?? 0;
    if (description.status.name === 'RUNNING' && attempt > 1) stuck.push(`${id} (workflow task attempt ${attempt})`);
  }
  expect(stuck).toEqual([]);
  if (process.env.HOSTILE_DATES_VERBOSE) {
    for (const [name, byStatus] of statuses) console.log(name, JSON.stringify(Object.fromEntries(byStatus)));
  }
}
