/** The case process from request to appointment, through HTTP, on real Temporal and Postgres. */
import { startServices, type Services } from '../helpers/services';
import { allMet, caseRequest, dateFromNow, interview, today, yearsAgo } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { addDaysToDate } from '../../workflows/case/dates';
import { bearer } from '../helpers/auth';
import { consented, granted, mapped, newCase, refused, unitWithCoordinator } from '../helpers/cases';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const post = (url: string, body: unknown, headers?: Record<string, string>) => call(s.app, 'POST', url, body, headers);
const get = (url: string, headers?: Record<string, string>) => call(s.app, 'GET', url, undefined, headers);

describe('registering a request', () => {
  test('when KE registers a request, then the case exists with its first event and a consent deadline', async () => {
    const res = await post('/cases', caseRequest());
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('awaiting_consent');
    const detail = await get(`/cases/${res.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.deadlines).toEqual([expect.objectContaining({ kind: 'consent', responsible: 'ke' })]);
    const events = await get(`/cases/${res.body.id}/events`);
    expect(events.body.events.map((e: { type: string }) => e.type)).toEqual(['RequestRegistered']);
  });

  test('when the same request is repeated with the same Idempotency-Key, then the same case is returned and no second one is made', async () => {
    const key = `key-${Date.now()}`;
    const body = caseRequest();
    const first = await post('/cases', body, { 'idempotency-key': key });
    const second = await post('/cases', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    const events = await get(`/cases/${first.body.id}/events`);
    expect(events.body.events).toHaveLength(1);
  });

  test('when a command is repeated with the same Idempotency-Key (its answer was lost), then it is applied once and both get the same answer', async () => {
    const id = (await post('/cases', caseRequest())).body.id;
    const consent = { givenBy: 'Per Testforelder', role: 'parent', covers: ['information_sharing'], givenOn: today() };
    const key = `cmd-${Date.now()}`;
    const [first, second] = await Promise.all([post(`/cases/${id}/consents`, consent, { 'idempotency-key': key }), post(`/cases/${id}/consents`, consent, { 'idempotency-key': key })]);
    const third = await post(`/cases/${id}/consents`, consent, { 'idempotency-key': key });
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect(second.body.version).toBe(first.body.version);
    expect(third.body.version).toBe(first.body.version);
    const events = (await get(`/cases/${id}/events`)).body.events.map((e: { type: string }) => e.type);
    expect(events).toEqual(['RequestRegistered', 'ConsentRecorded']);
    // Without a key, a repeat is a new command.
    expect((await post(`/cases/${id}/consents`, consent)).body.version).toBe(first.body.version + 1);
  });

  test('when an Idempotency-Key is reused for another request, then 409 and nothing changes', async () => {
    const key = `key-reuse-${Date.now()}`;
    await post('/cases', caseRequest(), { 'idempotency-key': key });
    const before = await s.pool.query('SELECT count(*)::int AS n FROM cases');
    const res = await post('/cases', caseRequest({ reasons: 'Noe annet' }), { 'idempotency-key': key });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/Idempotency-Key/);
    const after = await s.pool.query('SELECT count(*)::int AS n FROM cases');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  test('when a request is malformed, then 400 names the field and no case is made', async () => {
    const before = await s.pool.query('SELECT count(*)::int AS n FROM cases');
    const bad = await post('/cases', caseRequest({ channel: 'fax' }));
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/body\.channel/);
    const both = await post('/cases', caseRequest({ child: { name: 'X', birthDate: '2020-01-01', expectedDate: '2027-01-01' } }));
    expect(both.status).toBe(400);
    expect(both.body.detail).toMatch(/birthDate.*expectedDate/);
    const unknownField = await post('/cases', { ...caseRequest(), diagnosis: 'secret' });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.detail).toMatch(/diagnosis/);
    const after = await s.pool.query('SELECT count(*)::int AS n FROM cases');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  test('when a request is for an unborn child, then it is registered with the expected date', async () => {
    // Three months on from today: a termin is accepted from 6 weeks before receipt to 300 days after.
    const expectedDate = addDaysToDate(today(), 90);
    const res = await post('/cases', caseRequest({ child: { name: 'Ufødt Testbarn', expectedDate } }));
    expect(res.status).toBe(201);
    expect(res.body.request.child.expectedDate).toBe(expectedDate);
  });

  test('when a case does not exist, then reads and commands answer 404', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await get(`/cases/${missing}`)).status).toBe(404);
    expect((await get(`/cases/${missing}/events`)).status).toBe(404);
    const res = await post(`/cases/${missing}/consents`, { givenBy: 'A', role: 'parent', covers: ['appointment'], givenOn: today() });
    expect(res.status).toBe(404);
  });
});

describe('consent', () => {
  test('when consent to appointment is given, then the case moves to kartlegging', async () => {
    const id = await newCase(s.app);
    const res = await post(`/cases/${id}/consents`, { givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment'], givenOn: today() });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('kartlegging');
    expect(res.body.deadlines[0].kind).toBe('kartlegging');
  });

  test('when a young person under 16 consents personally, then 409 names the age rule', async () => {
    const id = await newCase(s.app, { child: { name: 'Ung Test', birthDate: yearsAgo(14) } });
    const res = await post(`/cases/${id}/consents`, { givenBy: 'Ung Test', role: 'young_person', covers: ['appointment'], givenOn: today() });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/age of 16/);
  });

  test('when a young person of 16 consents personally, then it is accepted', async () => {
    const id = await newCase(s.app, { child: { name: 'Ung Test', birthDate: yearsAgo(16) } });
    const res = await post(`/cases/${id}/consents`, { givenBy: 'Ung Test', role: 'young_person', covers: ['appointment'], givenOn: today() });
    expect(res.status).toBe(200);
  });

  test('when consent to appointment is withdrawn, then the case waits for consent and kartlegging is refused', async () => {
    const id = await consented(s.app);
    const res = await post(`/cases/${id}/consents/withdrawal`, { scopes: ['appointment'], withdrawnBy: 'Per Testforelder', on: today() });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('awaiting_consent');
    const blocked = await post(`/cases/${id}/kartlegging`, interview);
    expect(blocked.status).toBe(409);
    expect(blocked.body.detail).toMatch(/consent to appointment/);
  });

  test('when nothing is consented, then a withdrawal is refused', async () => {
    const id = await newCase(s.app);
    const res = await post(`/cases/${id}/consents/withdrawal`, { scopes: ['information_sharing'], withdrawnBy: 'Per', on: today() });
    expect(res.status).toBe(409);
  });
});

describe('kartlegging', () => {
  test('when the interview is scheduled, held and assessed, then the case awaits the decision', async () => {
    const id = await consented(s.app);
    const at = new Date(Date.now() + 7 * 86400_000).toISOString();
    expect((await post(`/cases/${id}/kartlegging/schedule`, { scheduledAt: at })).body.kartlegging.scheduledAt).toBe(at);
    const held = await post(`/cases/${id}/kartlegging`, interview);
    expect(held.body.status).toBe('kartlegging');
    const assessed = await post(`/cases/${id}/kartlegging/assessment`, allMet);
    expect(assessed.body.status).toBe('awaiting_decision');
    expect(assessed.body.deadlines[0].kind).toBe('decision');
  });

  test('when a child of 15 or more did not take part and no reason is given, then 409; with a reason it is recorded', async () => {
    const id = await consented(s.app, { child: { name: 'Ung Test', birthDate: yearsAgo(15) } });
    const without = await post(`/cases/${id}/kartlegging`, { ...interview, childParticipated: false });
    expect(without.status).toBe(409);
    expect(without.body.detail).toMatch(/from the age of 15/);
    const withReason = await post(`/cases/${id}/kartlegging`, { ...interview, childParticipated: false, childAbsenceReason: 'Innlagt på sykehus.' });
    expect(withReason.status).toBe(200);
  });

  test('when a child under 15 did not take part, then the interview is recorded', async () => {
    const id = await consented(s.app);
    const res = await post(`/cases/${id}/kartlegging`, { ...interview, childParticipated: false });
    expect(res.status).toBe(200);
  });
});

describe('written decision', () => {
  test('when a decision comes before a completed kartlegging, then 409 says so', async () => {
    const id = await consented(s.app);
    const res = await post(`/cases/${id}/decision`, { outcome: 'granted', reasons: 'x', decidedOn: today() });
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe('a decision requires a completed kartlegging: the interview held and all three conditions assessed');
  });

  test('when a grant is made with a condition assessed as not met, then 409', async () => {
    const id = await mapped(s.app, { ...allMet, longTermCoordinatedNeeds: { met: false, text: 'Kortvarig behov.' } });
    const res = await post(`/cases/${id}/decision`, { outcome: 'granted', reasons: 'x', decidedOn: today() });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/all three legal conditions/);
  });

  test('when a refusal names no alternative, then 409', async () => {
    const id = await mapped(s.app, { ...allMet, seriousCondition: { met: false, text: 'Nei.' } });
    const res = await post(`/cases/${id}/decision`, { outcome: 'refused', reasons: 'x', decidedOn: today() });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/offered instead/);
  });

  test('when reasons are missing, then 400 names the field', async () => {
    const id = await mapped(s.app);
    const res = await post(`/cases/${id}/decision`, { outcome: 'granted', decidedOn: today() });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/body\.reasons/);
  });

  test('when a grant is decided, then a letter in bokmål with the right to complain is stored as HTML and PDF', async () => {
    const id = await granted(s.app);
    const list = await get(`/cases/${id}/letters`);
    expect(list.body.letters).toHaveLength(1);
    const letterId = list.body.letters[0].id;
    const html = await s.app.inject({ method: 'GET', url: `/cases/${id}/letters/${letterId}`, headers: { accept: 'text/html', ...(await bearer()) } });
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('Avgjørelse om barnekoordinator');
    expect(html.body).toContain('Klageadgang');
    expect(html.body).toContain('fire uker');
    expect(html.body).toContain('Statsforvalteren');
    expect(html.body).toContain('Alle vilkår er oppfylt.');
    const pdf = await s.app.inject({ method: 'GET', url: `/cases/${id}/letters/${letterId}`, headers: { accept: 'application/pdf', ...(await bearer()) } });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('when a refusal is decided, then the letter names what the family is offered instead', async () => {
    const id = await refused(s.app);
    const list = await get(`/cases/${id}/letters`);
    const json = await get(`/cases/${id}/letters/${list.body.letters[0].id}`, { accept: 'application/json' });
    const text = JSON.stringify(json.body);
    expect(text).toContain('samordningsplikt');
    expect(text).toContain('alminnelig koordinator');
    expect(text).toContain('avslått');
  });
});

describe('complaints', () => {
  test('when KE reverses its refusal after a complaint, then the case is granted with a new letter', async () => {
    const id = await refused(s.app);
    const complaint = await post(`/cases/${id}/complaints`, { about: 'refusal', receivedOn: today() });
    expect(complaint.status).toBe(200);
    const c = complaint.body.complaints[0];
    expect(c.late).toBe(false);
    const reversed = await post(`/cases/${id}/complaints/${c.id}/outcome`, { outcome: 'reversed_by_ke', reasons: 'Ny vurdering.', on: today() });
    expect(reversed.body.status).toBe('granted');
    const letters = await get(`/cases/${id}/letters`);
    expect(letters.body.letters.map((l: { kind: string }) => l.kind)).toEqual(['decision', 'complaint_reversal']);
  });

  test('when KE forwards a complaint, then it waits for Statsforvalteren, whose outcome is recorded', async () => {
    const id = await refused(s.app);
    const c = (await post(`/cases/${id}/complaints`, { about: 'refusal', receivedOn: today() })).body.complaints[0];
    const forwarded = await post(`/cases/${id}/complaints/${c.id}/outcome`, { outcome: 'forwarded_to_statsforvalteren', reasons: 'Opprettholdt.', on: today() });
    expect(forwarded.body.status).toBe('complaint_with_statsforvalteren');
    const early = await post(`/cases/${id}/complaints/${c.id}/outcome`, { outcome: 'reversed_by_ke', reasons: 'x', on: today() });
    expect(early.status).toBe(409);
    const upheld = await post(`/cases/${id}/complaints/${c.id}/outcome`, { outcome: 'upheld_by_statsforvalteren', reasons: 'Avslaget står.', on: today() });
    expect(upheld.body.status).toBe('refused');
    expect(upheld.body.complaints[0].status).toBe('upheld');
  });

  test('when Statsforvalteren overturns the refusal, then the case is granted', async () => {
    const id = await refused(s.app);
    const c = (await post(`/cases/${id}/complaints`, { about: 'refusal', receivedOn: today() })).body.complaints[0];
    await post(`/cases/${id}/complaints/${c.id}/outcome`, { outcome: 'forwarded_to_statsforvalteren', reasons: 'x', on: today() });
    const res = await post(`/cases/${id}/complaints/${c.id}/outcome`, { outcome: 'overturned_by_statsforvalteren', reasons: 'Vilkårene er oppfylt.', on: today() });
    expect(res.body.status).toBe('granted');
  });

  test('when a complaint arrives more than four weeks after the family learned of the decision, then it is accepted and marked late', async () => {
    const id = await refused(s.app);
    const learned = dateFromNow(-40);
    const res = await post(`/cases/${id}/complaints`, { about: 'refusal', receivedOn: today(), familyLearnedOn: learned });
    expect(res.status).toBe(200);
    expect(res.body.complaints[0].late).toBe(true);
  });

  test('when there is no decision yet, then a complaint is refused', async () => {
    const id = await consented(s.app);
    const res = await post(`/cases/${id}/complaints`, { about: 'right_not_fulfilled', receivedOn: today() });
    expect(res.status).toBe(409);
  });
});

describe('appointment', () => {
  test('when KE appoints a unit and its coordinator after a grant, then the case is appointed and counted in the caseload', async () => {
    const id = await granted(s.app);
    const { unitId, coordinatorId } = await unitWithCoordinator(s.app);
    const res = await post(`/cases/${id}/appointment`, { unitId, coordinatorId, appointedOn: today() });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('appointed');
    expect(res.body.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['kick_off', 'transition_planning', 'own_consent']);
    const list = await get(`/cases?status=appointed&coordinatorId=${coordinatorId}`);
    expect(list.body.cases.map((c: { id: string }) => c.id)).toEqual([id]);
    const byUnit = await get(`/cases?unitId=${unitId}`);
    expect(byUnit.body.cases).toHaveLength(1);
    const coordinator = await get(`/coordinators/${coordinatorId}`);
    expect(coordinator.body.openCases).toBe(1);
    const again = await post(`/cases/${id}/appointment`, { unitId, coordinatorId, appointedOn: today() });
    expect(again.status).toBe(409);
  });

  test('when the case is not granted, then an appointment is refused with 409', async () => {
    const id = await mapped(s.app);
    const { unitId, coordinatorId } = await unitWithCoordinator(s.app);
    const res = await post(`/cases/${id}/appointment`, { unitId, coordinatorId, appointedOn: today() });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/requires a granted decision/);
  });

  test('when the coordinator belongs to another unit or the unit is unknown, then the appointment is refused', async () => {
    const id = await granted(s.app);
    const a = await unitWithCoordinator(s.app);
    const b = await unitWithCoordinator(s.app);
    const wrong = await post(`/cases/${id}/appointment`, { unitId: a.unitId, coordinatorId: b.coordinatorId, appointedOn: today() });
    expect(wrong.status).toBe(409);
    expect(wrong.body.detail).toMatch(/does not belong/);
    const unknown = await post(`/cases/${id}/appointment`, { unitId: '00000000-0000-4000-8000-000000000001', coordinatorId: a.coordinatorId, appointedOn: today() });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toMatch(/unitId/);
    expect((await get(`/cases/${id}`)).body.status).toBe('granted');
  });
});

describe('event log', () => {
  test('when a case goes through the process, then every step is logged once, in order, with the actor', async () => {
    const id = await granted(s.app);
    const events = (await get(`/cases/${id}/events`)).body.events;
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'RequestRegistered',
      'ConsentRecorded',
      'KartleggingHeld',
      'AssessmentRecorded',
      'DecisionRecorded',
    ]);
    expect(events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    // The actor is the token's subject (call() acts as KE user 'ke-tester').
    expect(events.every((e: { actor: string }) => e.actor === 'ke-tester')).toBe(true);
  });
});
