/**
 * The requests of the hostile-input tests: each endpoint's valid body, and the fast-check
 * arbitraries that make hostile bodies, ids, query strings and headers from them. The world they
 * name (cases, meetings, coordinators) is the one test/helpers/hostile-input.ts built.
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { RouteAccess } from '../../api/app';
import { allMet, caseRequest, interview, today } from './fixtures';
import { access, authFor, inDays, world, type Hostile } from './hostile-input';

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
    '/cases/:id/appointment': () => ({ unitId: world().unitA, coordinatorId: world().mainCoordinator, appointedOn: today() }),
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
    '/coordinators': () => ({ unitId: world().unitA, name: 'Ny Koordinator', email: `ny.${randomUUID().slice(0, 8)}@kommune.no`, subject: `sub-${randomUUID()}` }),
    '/coordinators/:id/absences': () => ({ kind: 'leave', from: today(), until: inDays(10).slice(0, 10), substituteId: world().mainCoordinator }),
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
    world().main,
    world().foreignCase,
    world().idleCoordinator,
    world().foreignCoordinator,
    world().unitA,
    world().meetings[0],
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
    const primary = route === '/cases/:id/closure' ? world().toClose : route === '/cases/:id/consents/withdrawal' ? world().toWithdraw : world().main;
    real = [{ segment: primary }, { segment: primary }, { segment: primary }, { segment: world().foreignCase, foreign: true }];
  } else if (param === 'id' && route === '/coordinators/:id/absences') {
    real = [{ segment: world().idleCoordinator }, { segment: world().idleCoordinator }, { segment: world().foreignCoordinator, foreign: true }];
  } else if (param === 'id' && route.startsWith('/coordinators/')) {
    real = [{ segment: world().mainCoordinator }, { segment: world().idleCoordinator }, { segment: world().foreignCoordinator, foreign: true }];
  } else if (param === 'meetingId') real = own(world().meetings);
  else if (param === 'complaintId') real = own(world().complaints);
  else if (param === 'taskId') real = own(world().tasks);
  else if (param === 'letterId') real = own(world().letters);
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
