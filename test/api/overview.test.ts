/**
 * KE's overview on known data: rows inserted straight into the projection, the deadlines and the
 * event log, then exact answers from the worklist, the caseload and the yearly report. Other
 * suites share the database, so every assertion is about this file's own ids, and the report
 * is for 2011, a year no other test writes.
 */
import { randomUUID } from 'node:crypto';
import { startServices, type Services } from '../helpers/services';
import { call } from '../helpers/http';
import { TEST_MUNICIPALITY, bearer } from '../helpers/auth';
import { newCase } from '../helpers/cases';
import { today } from '../helpers/fixtures';
import { addDays } from '../../workflows/case/dates';
import { parse } from 'csv-parse/sync';

let s: Services;
const tag = randomUUID().slice(0, 8);
const seeded = { cases: [] as string[], coordinators: [] as string[], units: [] as string[] };

const get = (url: string, headers: Record<string, string> = {}) => call(s.app, 'GET', url, undefined, headers);
const fromNow = (days: number) => new Date(Date.now() + days * 86_400_000);

async function unit(name: string, sector: string) {
  const id = randomUUID();
  await s.pool.query('INSERT INTO units (id, name, sector, municipality) VALUES ($1, $2, $3, $4)', [id, name, sector, TEST_MUNICIPALITY]);
  seeded.units.push(id);
  return id;
}

async function coordinator(unitId: string, name: string) {
  const id = randomUUID();
  await s.pool.query('INSERT INTO coordinators (id, unit_id, name, email, municipality) VALUES ($1, $2, $3, $4, $5)', [id, unitId, name, `${id}@kommune.no`, TEST_MUNICIPALITY]);
  seeded.coordinators.push(id);
  return id;
}

interface SeedCase {
  status: string;
  receivedOn?: string;
  unitId?: string;
  coordinatorId?: string;
  substituteId?: string;
  firstDecidedOn?: string;
  firstAppointedOn?: string;
  closureReason?: string;
  closedOn?: string;
  deadlines?: { kind: string; dueAt: Date; responsible: string }[];
  events?: { type: string; at?: string; data: Record<string, unknown> }[];
}

async function seedCase(c: SeedCase) {
  const id = randomUUID();
  await s.pool.query(
    `INSERT INTO cases (id, status, version, unit_id, coordinator_id, substitute_id, received_on, registered_at, view,
                        first_decided_on, first_appointed_on, closure_reason, closed_on)
     VALUES ($1, $2, 1, $3, $4, $5, $6, now(), $7, $8, $9, $10, $11)`,
    [id, c.status, c.unitId ?? null, c.coordinatorId ?? null, c.substituteId ?? null, c.receivedOn ?? today(), { id, municipality: TEST_MUNICIPALITY, status: c.status, version: 1 },
      c.firstDecidedOn ?? null, c.firstAppointedOn ?? null, c.closureReason ?? null, c.closedOn ?? null],
  );
  for (const [i, d] of (c.deadlines ?? []).entries()) {
    await s.pool.query('INSERT INTO case_deadlines (case_id, kind, since, due_at, responsible) VALUES ($1, $2, $3, $4, $5)', [id, d.kind, `seed-${i}`, d.dueAt, d.responsible]);
  }
  for (const [i, e] of (c.events ?? []).entries()) {
    const at = e.at ?? `${Object.values(e.data).find((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) ?? '2011-01-01'}T10:00:00Z`;
    await s.pool.query('INSERT INTO case_events (case_id, seq, type, actor, occurred_at, data) VALUES ($1, $2, $3, $4, $5, $6)', [id, i + 1, e.type, 'ke', at, e.data]);
  }
  seeded.cases.push(id);
  return id;
}

/** percentile_cont: linear interpolation between the two nearest ranks. */
function percentileCont(values: number[], p: number) {
  const v = [...values].sort((a, b) => a - b);
  const pos = p * (v.length - 1);
  const lo = Math.floor(pos);
  return v[lo] + (pos - lo) * ((v[Math.ceil(pos)] ?? v[lo]) - v[lo]);
}
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/** Norwegian Excel's CSV: a BOM, then `;`-separated fields and CRLF line ends. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  return parse(text, { bom: true, delimiter: ';', record_delimiter: '\r\n' });
}

const w = {} as Record<'u1' | 'u2' | 'c1' | 'c2' | 'c3' | 'c4' | 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h', string>;
const r = {} as Record<'u3' | 'u4' | 'c5' | 'r1' | 'r2' | 'r3' | 'r4' | 'r5' | 'r6' | 'r7' | 'r8' | 'r9', string>;
const caseworker = `caseworker:ov-${tag}`;

beforeAll(async () => {
  s = await startServices();

  // Worklist and caseload, today.
  w.u1 = await unit(`Helsestasjon oversikt ${tag}`, 'health');
  w.u2 = await unit(`Barnehage oversikt ${tag}`, 'childhood');
  w.c1 = await coordinator(w.u1, `Oversikt Anna ${tag}`);
  w.c2 = await coordinator(w.u1, `Oversikt Bjørn ${tag}`);
  w.c3 = await coordinator(w.u2, `Oversikt Cecilie ${tag}`);
  w.c4 = await coordinator(w.u2, `Oversikt Dag ${tag}`);
  const bk1 = `coordinator:${w.c1}`;
  w.a = await seedCase({
    status: 'appointed', unitId: w.u1, coordinatorId: w.c1,
    deadlines: [
      { kind: 'minutes', dueAt: fromNow(-3), responsible: bk1 },
      { kind: 'meeting', dueAt: fromNow(2), responsible: bk1 },
      { kind: 'plan_evaluation', dueAt: fromNow(30), responsible: bk1 },
    ],
  });
  w.b = await seedCase({ status: 'awaiting_consent', deadlines: [{ kind: 'consent', dueAt: fromNow(-1), responsible: caseworker }] });
  w.c = await seedCase({ status: 'kartlegging', deadlines: [{ kind: 'kartlegging', dueAt: fromNow(5), responsible: caseworker }] });
  w.d = await seedCase({ status: 'granted', deadlines: [{ kind: 'appointment', dueAt: fromNow(1), responsible: caseworker }] });
  // The coordinator left: KE must appoint anew.
  w.e = await seedCase({
    status: 'appointed', unitId: w.u1, coordinatorId: w.c2,
    deadlines: [
      { kind: 'reassignment', dueAt: fromNow(-2), responsible: 'ke' },
      { kind: 'inform_family', dueAt: fromNow(3), responsible: 'ke' },
    ],
  });
  // A closed case's stale row never shows.
  w.f = await seedCase({ status: 'closed', closedOn: today(), closureReason: 'other', deadlines: [{ kind: 'consent', dueAt: fromNow(-5), responsible: caseworker }] });
  // On leave with a substitute: c3 stands in.
  w.g = await seedCase({
    status: 'appointed', unitId: w.u1, coordinatorId: w.c1, substituteId: w.c3,
    deadlines: [{ kind: 'kick_off', dueAt: fromNow(4), responsible: `coordinator:${w.c3}` }],
  });
  w.h = await seedCase({ status: 'closed', unitId: w.u1, coordinatorId: w.c1, closedOn: today(), closureReason: 'need_ended' });

  // The yearly report: 2011.
  r.u3 = await unit(`Skole, "Nord" ${tag}`, 'childhood');
  r.u4 = await unit(`=Helse ${tag}`, 'health');
  r.c5 = await coordinator(r.u4, `Oversikt Eva ${tag}`);
  const appointed = (unitId: string, appointedOn: string, type = 'CoordinatorAppointed') => ({ type, data: { unitId, coordinatorId: r.c5, appointedOn } });
  const decided = (outcome: string, decidedOn: string) => ({ type: 'DecisionRecorded', data: { outcome, decidedOn, letterId: randomUUID(), offeredInstead: [] } });
  const complaint = (complaintId: string, receivedOn: string, late: boolean) => ({ type: 'ComplaintReceived', data: { complaintId, about: 'refusal', receivedOn, late } });
  const outcome = (complaintId: string, o: string, on: string) => ({ type: 'ComplaintOutcomeRecorded', data: { complaintId, outcome: o, on } });
  const extended = (at: string, toAge: number) => ({ type: 'CaseExtended', at, data: { toAge } });
  const [k3, k8, k9] = [randomUUID(), randomUUID(), randomUUID()];

  r.r1 = await seedCase({
    status: 'appointed', receivedOn: '2011-01-10', firstDecidedOn: '2011-01-20', firstAppointedOn: '2011-02-09', unitId: r.u4, coordinatorId: r.c5,
    // Moved to another unit after the year: at year end it was with u3.
    events: [decided('granted', '2011-01-20'), appointed(r.u3, '2011-02-09'), extended('2011-12-31T23:30:00Z', 20), appointed(r.u4, '2012-02-01', 'CoordinatorChanged')],
  });
  r.r2 = await seedCase({
    status: 'appointed', receivedOn: '2011-02-01', firstDecidedOn: '2011-02-13', firstAppointedOn: '2011-03-03', unitId: r.u4, coordinatorId: r.c5,
    events: [decided('granted', '2011-02-13'), appointed(r.u3, '2011-03-03'), extended('2011-03-15T10:00:00Z', 20), appointed(r.u4, '2011-06-01', 'CoordinatorChanged'), extended('2011-08-01T10:00:00Z', 22)],
  });
  // Refused, reversed by KE on complaint, appointed only in 2012.
  r.r3 = await seedCase({
    status: 'appointed', receivedOn: '2011-03-01', firstDecidedOn: '2011-03-21', firstAppointedOn: '2012-01-15', unitId: r.u3, coordinatorId: r.c5,
    events: [decided('refused', '2011-03-21'), complaint(k3, '2011-04-01', false), outcome(k3, 'reversed_by_ke', '2011-04-10'), appointed(r.u3, '2012-01-15')],
  });
  // Extension recorded 00:30 on 1 January 2011 in Oslo.
  r.r4 = await seedCase({
    status: 'closed', receivedOn: '2011-05-02', firstDecidedOn: '2011-05-07', firstAppointedOn: '2011-05-27', closedOn: '2011-09-01', closureReason: 'moved_away', unitId: r.u3, coordinatorId: r.c5,
    events: [extended('2010-12-31T23:30:00Z', 20), decided('granted', '2011-05-07'), appointed(r.u3, '2011-05-27')],
  });
  r.r5 = await seedCase({
    status: 'closed', receivedOn: '2011-11-20', firstDecidedOn: '2012-01-05', closedOn: '2012-03-01', closureReason: 'need_ended',
    events: [decided('refused', '2012-01-05')],
  });
  // Requested in 2010; closed on 31 December, so not open at year end.
  r.r6 = await seedCase({
    status: 'closed', receivedOn: '2010-12-15', firstDecidedOn: '2011-01-08', firstAppointedOn: '2011-01-19', closedOn: '2011-12-31', closureReason: 'age_limit', unitId: r.u3, coordinatorId: r.c5,
    events: [decided('granted', '2011-01-08'), appointed(r.u3, '2011-01-19')],
  });
  r.r7 = await seedCase({ status: 'awaiting_consent', receivedOn: '2011-12-31' });
  r.r8 = await seedCase({
    status: 'closed', receivedOn: '2011-06-01', firstDecidedOn: '2011-06-08', closedOn: '2011-10-01', closureReason: 'other',
    events: [decided('refused', '2011-06-08'), complaint(k8, '2011-07-20', true), outcome(k8, 'forwarded_to_statsforvalteren', '2011-07-25'), outcome(k8, 'upheld_by_statsforvalteren', '2012-02-01')],
  });
  // Refused in 2010, overturned by Statsforvalteren in 2011.
  r.r9 = await seedCase({
    status: 'appointed', receivedOn: '2010-05-01', firstDecidedOn: '2010-05-10', firstAppointedOn: '2011-03-20', unitId: r.u4, coordinatorId: r.c5,
    events: [
      decided('refused', '2010-05-10'), complaint(k9, '2010-12-20', false), outcome(k9, 'forwarded_to_statsforvalteren', '2010-12-28'),
      outcome(k9, 'overturned_by_statsforvalteren', '2011-03-01'), appointed(r.u4, '2011-03-20'),
    ],
  });
});

afterAll(async () => {
  await s.pool.query('DELETE FROM case_events WHERE case_id = ANY($1)', [seeded.cases]);
  await s.pool.query('DELETE FROM cases WHERE id = ANY($1)', [seeded.cases]);
  await s.pool.query('DELETE FROM coordinators WHERE id = ANY($1)', [seeded.coordinators]);
  await s.pool.query('DELETE FROM units WHERE id = ANY($1)', [seeded.units]);
  await s.close();
});

describe('worklist', () => {
  test('when deadlines are overdue or due within the window, then they are listed earliest first with overdue flags and without closed cases', async () => {
    const res = await get(`/ke/worklist?responsible=${encodeURIComponent(caseworker)}`);
    expect(res.status).toBe(200);
    expect(res.body.deadlines.map((d: any) => [d.caseId, d.kind, d.overdue, d.caseStatus])).toEqual([
      [w.b, 'consent', true, 'awaiting_consent'],
      [w.d, 'appointment', false, 'granted'],
      [w.c, 'kartlegging', false, 'kartlegging'],
    ]);
    expect(res.body.deadlines[0]).toEqual({
      caseId: w.b, kind: 'consent', since: 'seed-0', dueAt: expect.any(String), responsible: caseworker, overdue: true,
      caseStatus: 'awaiting_consent', unitId: null, coordinatorId: null,
    });
    expect(Date.parse(res.body.until)).toBeGreaterThan(Date.parse(res.body.asOf) + 7 * 86_400_000);
    expect(res.body.truncated.deadlines).toBe(false);
  });

  test('when the window is 0 days, then only what is overdue or due today is listed', async () => {
    const res = await get(`/ke/worklist?responsible=${encodeURIComponent(caseworker)}&dueWithinDays=0`);
    expect(res.body.deadlines.map((d: any) => d.caseId)).toEqual([w.b]);
  });

  test("when filtered by a coordinator, then only their deadlines come, and a longer window reaches the plan evaluation", async () => {
    const week = await get(`/ke/worklist?responsible=coordinator:${w.c1}`);
    expect(week.body.deadlines.map((d: any) => [d.kind, d.overdue, d.unitId, d.coordinatorId])).toEqual([
      ['minutes', true, w.u1, w.c1],
      ['meeting', false, w.u1, w.c1],
    ]);
    const twoMonths = await get(`/ke/worklist?responsible=coordinator:${w.c1}&dueWithinDays=60`);
    expect(twoMonths.body.deadlines.map((d: any) => d.kind)).toEqual(['minutes', 'meeting', 'plan_evaluation']);
    const substitute = await get(`/ke/worklist?responsible=coordinator:${w.c3}`);
    expect(substitute.body.deadlines.map((d: any) => [d.caseId, d.kind])).toEqual([[w.g, 'kick_off']]);
  });

  test('when filtered by kind, then only that kind comes', async () => {
    const res = await get('/ke/worklist?kind=reassignment&limit=1000');
    const mine = res.body.deadlines.filter((d: any) => seeded.cases.includes(d.caseId));
    expect(mine).toEqual([expect.objectContaining({ caseId: w.e, kind: 'reassignment', responsible: 'ke', overdue: true, coordinatorId: w.c2 })]);
    expect(res.body.deadlines.every((d: any) => d.kind === 'reassignment')).toBe(true);
  });

  test('when a case is granted but not appointed, or its coordinator left, then it is among the cases without a coordinator', async () => {
    const res = await get('/ke/worklist?limit=1000');
    const mine = res.body.casesWithoutCoordinator.filter((c: any) => seeded.cases.includes(c.caseId));
    expect(mine).toEqual([
      { caseId: w.e, caseStatus: 'appointed', reason: 'coordinator_absent', unitId: w.u1, coordinatorId: w.c2, dueAt: expect.any(String), overdue: true },
      { caseId: w.d, caseStatus: 'granted', reason: 'not_appointed', unitId: null, coordinatorId: null, dueAt: expect.any(String), overdue: false },
    ]);
    const dueAts = res.body.casesWithoutCoordinator.map((c: any) => c.dueAt ?? '9999');
    expect(dueAts).toEqual([...dueAts].sort());
  });

  test('when there are more rows than the limit, then the list is cut and says so', async () => {
    const res = await get(`/ke/worklist?responsible=${encodeURIComponent(caseworker)}&limit=2`);
    expect(res.body.deadlines.map((d: any) => d.caseId)).toEqual([w.b, w.d]);
    expect(res.body.truncated.deadlines).toBe(true);
  });

  test('when a request is registered through the workflow, then its consent deadline is in the worklist', async () => {
    const caseworkerId = `ov-flow-${tag}`;
    const id = await newCase(s.app, { caseworkerId });
    const view = await get(`/cases/${id}`);
    const consent = view.body.deadlines.find((d: any) => d.kind === 'consent');
    // Due consentDays after registration, the caseworker's to chase.
    expect(consent).toEqual({
      kind: 'consent',
      since: view.body.registeredAt,
      dueAt: addDays(view.body.registeredAt, s.policy.consentDays),
      responsible: `caseworker:${caseworkerId}`,
    });
    const url = `/ke/worklist?responsible=caseworker:${caseworkerId}`;
    expect((await get(url)).body.deadlines).toEqual([]);
    const res = await get(`${url}&dueWithinDays=14`);
    expect(res.body.deadlines).toEqual([
      {
        caseId: id, kind: 'consent', since: consent.since, dueAt: consent.dueAt, responsible: `caseworker:${caseworkerId}`, overdue: false,
        caseStatus: 'awaiting_consent', unitId: null, coordinatorId: null,
      },
    ]);
  });

  test('when query parameters are malformed, then 400 names them', async () => {
    for (const [query, name] of [
      ['dueWithinDays=-1', 'dueWithinDays'],
      ['dueWithinDays=soon', 'dueWithinDays'],
      ['kind=lunch', 'kind'],
      ['limit=0', 'limit'],
      ['limit=5000', 'limit'],
      ['responsible=', 'responsible'],
    ]) {
      const res = await get(`/ke/worklist?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.detail).toContain(`querystring.${name}`);
    }
    expect((await get('/ke/worklist?colour=red')).status).toBe(400);
  });
});

describe('caseload', () => {
  test('when coordinators appoint, substitute or have nothing, then each is counted with open cases only, zeros included', async () => {
    const res = await get('/ke/caseload');
    expect(res.status).toBe(200);
    const byId = (id: string) => res.body.coordinators.find((c: any) => c.coordinatorId === id);
    expect(byId(w.c1)).toEqual({ coordinatorId: w.c1, name: `Oversikt Anna ${tag}`, unitId: w.u1, appointed: 2, substituting: 0 });
    expect(byId(w.c2)).toMatchObject({ appointed: 1, substituting: 0 });
    expect(byId(w.c3)).toMatchObject({ unitId: w.u2, appointed: 0, substituting: 1 });
    expect(byId(w.c4)).toMatchObject({ appointed: 0, substituting: 0 });
    expect(byId(r.c5)).toMatchObject({ appointed: 4, substituting: 0 });
    const unitOf = (id: string) => res.body.units.find((u: any) => u.unitId === id);
    expect(unitOf(w.u1)).toEqual({ unitId: w.u1, name: `Helsestasjon oversikt ${tag}`, sector: 'health', openCases: 3 });
    expect(unitOf(w.u2)).toMatchObject({ openCases: 0 });
    // Today's units, not those at the end of 2011.
    expect(unitOf(r.u3)).toMatchObject({ openCases: 1 });
    expect(unitOf(r.u4)).toMatchObject({ openCases: 3 });
    const { openCases, appointed, notAppointed } = res.body.totals;
    expect(openCases).toBe(appointed + notAppointed);
    expect(notAppointed).toBeGreaterThanOrEqual(4);
  });
});

describe('yearly report', () => {
  const decisionDays = [
    daysBetween('2011-01-10', '2011-01-20'),
    daysBetween('2011-02-01', '2011-02-13'),
    daysBetween('2011-03-01', '2011-03-21'),
    daysBetween('2011-05-02', '2011-05-07'),
    daysBetween('2010-12-15', '2011-01-08'),
    daysBetween('2011-06-01', '2011-06-08'),
  ];
  const appointmentDays = [
    daysBetween('2011-01-10', '2011-02-09'),
    daysBetween('2011-02-01', '2011-03-03'),
    daysBetween('2011-05-02', '2011-05-27'),
    daysBetween('2010-12-15', '2011-01-19'),
    daysBetween('2010-05-01', '2011-03-20'),
  ];

  test('when the year has requests, decisions, complaints, appointments and closures, then the figures are exact', async () => {
    expect(decisionDays).toEqual([10, 12, 20, 5, 24, 7]);
    expect(appointmentDays).toEqual([30, 30, 25, 35, 323]);
    const res = await get('/ke/reports/yearly?year=2011');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const sorted = (a: any[]) => [...a].sort((x, y) => String(x.unitId ?? x.sector).localeCompare(String(y.unitId ?? y.sector)));
    expect({ ...res.body, openAtYearEnd: { ...res.body.openAtYearEnd, byUnit: sorted(res.body.openAtYearEnd.byUnit) } }).toEqual({
      year: 2011,
      from: '2011-01-01',
      to: '2011-12-31',
      requestsReceived: 7,
      decisions: { granted: 4, refused: 2 },
      complaints: {
        received: 2,
        late: 1,
        outcomes: { reversed_by_ke: 1, forwarded_to_statsforvalteren: 1, upheld_by_statsforvalteren: 0, overturned_by_statsforvalteren: 1 },
      },
      daysToFirstDecision: { cases: 6, medianDays: percentileCont(decisionDays, 0.5), p90Days: percentileCont(decisionDays, 0.9) },
      daysToFirstAppointment: { cases: 5, medianDays: percentileCont(appointmentDays, 0.5), p90Days: Math.round(percentileCont(appointmentDays, 0.9) * 10) / 10 },
      openAtYearEnd: {
        total: 6,
        byUnit: sorted([
          { unitId: r.u3, name: `Skole, "Nord" ${tag}`, sector: 'childhood', cases: 1 },
          { unitId: r.u4, name: `=Helse ${tag}`, sector: 'health', cases: 2 },
          { unitId: null, name: null, sector: null, cases: 3 },
        ]),
        bySector: [
          { sector: 'childhood', cases: 1 },
          { sector: 'health', cases: 2 },
          { sector: null, cases: 3 },
        ],
      },
      closures: { total: 3, byReason: { age_limit: 1, consent_withdrawn: 0, moved_away: 1, need_ended: 0, child_died: 0, other: 1 } },
      casesExtended: 2,
    });
    expect(res.body.daysToFirstDecision).toEqual({ cases: 6, medianDays: 11, p90Days: 22 });
    expect(res.body.daysToFirstAppointment).toEqual({ cases: 5, medianDays: 30, p90Days: 207.8 });
  });

  test('when a year has nothing, then counts are zero and durations null', async () => {
    const res = await get('/ke/reports/yearly?year=2003');
    expect(res.body).toMatchObject({
      requestsReceived: 0,
      daysToFirstDecision: { cases: 0, medianDays: null, p90Days: null },
      openAtYearEnd: { total: 0, byUnit: [], bySector: [] },
      casesExtended: 0,
    });
  });

  test('when CSV is asked for, then it is one table for Norwegian Excel, in bokmål, as an attachment', async () => {
    for (const [url, headers] of [
      ['/ke/reports/yearly?year=2011', { accept: 'text/csv' }],
      ['/ke/reports/yearly?year=2011&format=csv', {}],
    ] as const) {
      const res = await s.app.inject({ method: 'GET', url, headers: { ...headers, ...(await bearer()) } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="ke-arsrapport-2011.csv"');
      const rows = parseCsv(res.body);
      expect(rows[0]).toEqual(['Indikator', 'Kategori', 'Verdi']);
      expect(rows.every((row) => row.length === 3)).toBe(true);
      expect(rows).toContainEqual(['År', '', '2011']);
      expect(rows).toContainEqual(['Henvendelser mottatt', 'i alt', '7']);
      expect(rows).toContainEqual(['Avgjørelser', 'innvilget', '4']);
      expect(rows).toContainEqual(['Klager mottatt', 'for sent', '1']);
      expect(rows).toContainEqual(['Utfall av klager', 'omgjort av Statsforvalteren', '1']);
      expect(rows).toContainEqual(['Dager til første avgjørelse', 'median', '11']);
      // Decimal commas, as Norwegian Excel reads numbers.
      expect(rows).toContainEqual(['Dager til første oppnevning', '9 av 10 saker innen', '207,8']);
      expect(rows).toContainEqual(['Åpne saker ved årsskiftet, per enhet', `Skole, "Nord" ${tag}`, '1']);
      // A spreadsheet would run "=Helse…" as a formula.
      expect(rows).toContainEqual(['Åpne saker ved årsskiftet, per enhet', `'=Helse ${tag}`, '2']);
      expect(rows).toContainEqual(['Åpne saker ved årsskiftet, per enhet', '(ingen enhet)', '3']);
      expect(rows).toContainEqual(['Åpne saker ved årsskiftet, per sektor', 'helse', '2']);
      expect(rows).toContainEqual(['Avslutninger etter grunn', 'flyttet', '1']);
      expect(rows).toContainEqual(['Saker forlenget etter 18 år', 'i alt', '2']);
      expect(res.body).toContain(`"Skole, ""Nord"" ${tag}"`);
    }
    const json = await get('/ke/reports/yearly?year=2011&format=json', { accept: 'text/csv' });
    expect(json.body.requestsReceived).toBe(7);
  });

  test('when the year is missing or bad, then 400 names it', async () => {
    for (const query of ['', '?year=abc', '?year=1999', '?year=2026.5', '?year=2011&format=xml']) {
      const res = await get(`/ke/reports/yearly${query}`);
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(query.includes('format') ? /querystring\.format/ : /querystring\.year/);
    }
  });
});

test('when the OpenAPI document is read, then the three overview endpoints are in it under the overview tag, the report also as CSV', async () => {
  const doc = await get('/docs/json');
  for (const path of ['/ke/worklist', '/ke/caseload', '/ke/reports/yearly']) expect(doc.body.paths[path].get.tags).toEqual(['overview']);
  const params = doc.body.paths['/ke/worklist'].get.parameters.map((p: any) => p.name);
  expect(params).toEqual(expect.arrayContaining(['dueWithinDays', 'responsible', 'kind', 'limit']));
  expect(Object.keys(doc.body.paths['/ke/reports/yearly'].get.responses['200'].content)).toEqual(['application/json', 'text/csv']);
});
