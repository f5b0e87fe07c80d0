/**
 * The rules of issue #14 (the law, second reading), each named after the rule, through HTTP on
 * real Temporal and PostgreSQL.
 */
import { recordHistory } from '../helpers/histories';
import { startServices, testEnv, type Services } from '../helpers/services';
import { caseRequest, dateFromNow, today, yearsAgo } from '../helpers/fixtures';
import { call, eventually } from '../helpers/http';
import { bearer } from '../helpers/auth';
import { appointed, newCase, unitWithCoordinator } from '../helpers/cases';
import { caseWorkflowId } from '../../workflows/case/messages';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const post = (url: string, body: unknown = {}) => call(s.app, 'POST', url, body);
const READ = { 'x-access-reason': 'kontroll av regler i test' };
const get = (url: string) => call(s.app, 'GET', url, undefined, READ);
/** A request body whose child (and other fields) the test sets; a child field given as undefined is left out. */
const caseRequestFor = (child: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
  caseRequest({ child: JSON.parse(JSON.stringify({ name: 'Test Barn', ...child })), ...overrides });
const html = async (caseId: string, letterId: string) =>
  (await s.app.inject({ method: 'GET', url: `/cases/${caseId}/letters/${letterId}`, headers: { ...(await bearer()), ...READ, accept: 'text/html' } })).body;

describe('law-refusal-after-18: a request for someone already 18 gets a written refusal, never a closure', () => {
  test('when KE registers a request received for a 19-year-old, then the case is refused at once with a decision letter that gives reasons and complaint rights, and it is not closed', async () => {
    const id = await newCase(s.app, { child: { name: 'Nitten År', birthDate: yearsAgo(20) }, receivedOn: dateFromNow(-2) });
    const view = (await get(`/cases/${id}`)).body;
    expect(view.status).toBe('refused');
    expect(view.decisions).toEqual([expect.objectContaining({ outcome: 'refused', decidedOn: today(), offeredInstead: ['ordinary_coordinator', 'coordinated_services'] })]);
    // Time for the workflow to act on an 18th birthday long past, as it used to: it must not close the case.
    await new Promise((r) => setTimeout(r, 1500));
    const letters = (await get(`/cases/${id}/letters`)).body.letters;
    expect(letters.map((l: { kind: string }) => l.kind)).toEqual(['decision']);
    const text = await html(id, letters[0].id);
    expect(text).toContain('avslått');
    expect(text).toContain('Barnet var 19 år da ønsket kom inn');
    expect(text).toContain('Klageadgang');
    expect(text).toContain('alminnelig koordinator');
    expect(text).not.toContain('kartleggingssamtalen');
    expect(text).not.toContain('avsluttes');
    expect((await get(`/cases/${id}`)).body.status).toBe('refused');
    const events = (await get(`/cases/${id}/events`)).body.events.map((e: { type: string }) => e.type);
    expect(events).toEqual(['RequestRegistered']);
  });

  test('when the refused 19-year-old complains about the refusal, then the complaint is registered on time', async () => {
    const id = await newCase(s.app, { child: { name: 'Nitten År', birthDate: yearsAgo(19) } });
    const res = await post(`/cases/${id}/complaints`, { about: 'refusal', receivedOn: today() });
    expect(res.status).toBe(200);
    expect(res.body.complaints).toEqual([expect.objectContaining({ about: 'refusal', late: false, status: 'received' })]);
  });
});

describe('law-plausible-dates: an implausible date is refused with a message that names it', () => {
  test('when the birth date or receivedOn lies in the future, then 409 names the date and no case is made', async () => {
    const born = await post('/cases', { ...caseRequestFor({ birthDate: dateFromNow(3) }) });
    expect(born.status).toBe(409);
    expect(born.body.detail).toContain(`child.birthDate ${dateFromNow(3)} is after today`);
    const received = await post('/cases', caseRequestFor({ birthDate: yearsAgo(5) }, { receivedOn: dateFromNow(2) }));
    expect(received.status).toBe(409);
    expect(received.body.detail).toContain(`receivedOn ${dateFromNow(2)} is after the day the request is registered`);
  });

  test('when the termin lies two years back, then 400 names child.expectedDate', async () => {
    const res = await post('/cases', caseRequestFor({ birthDate: undefined, expectedDate: dateFromNow(-730) }));
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/child\.expectedDate/);
  });

  test('when a birth 18 years before the termin is registered (a typo), then 409 names the birth date and the case stays open', async () => {
    const id = await newCase(s.app, { child: { name: 'Ufødt Barn', expectedDate: dateFromNow(60) } });
    const typo = `${Number(dateFromNow(60).slice(0, 4)) - 18}${dateFromNow(60).slice(4)}`;
    const res = await post(`/cases/${id}/birth`, { birthDate: typo });
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain(`birthDate ${typo} is more than 26 weeks before the termin`);
    const view = (await get(`/cases/${id}`)).body;
    expect(view.status).toBe('awaiting_consent');
    expect((await get(`/cases/${id}/letters`)).body.letters).toEqual([]);
  });
});

describe('law-consenters-only: a consent counts only from the case\'s consenters', () => {
  test('when someone not among the consenters gives consent, then 409 says so and the case still waits for consent; with addAsConsenter they are added with their role', async () => {
    const id = await newCase(s.app);
    const stranger = { givenBy: 'Ukjent Nabo', role: 'parent', covers: ['appointment'], givenOn: today() };
    const res = await post(`/cases/${id}/consents`, stranger);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/^givenBy is not among the consenters of this case/);
    expect((await get(`/cases/${id}`)).body).toMatchObject({ status: 'awaiting_consent', consents: [] });
    const added = await post(`/cases/${id}/consents`, { ...stranger, givenBy: 'Verge Vergesen', role: 'guardian', addAsConsenter: true });
    expect(added.status).toBe(200);
    expect(added.body.status).toBe('kartlegging');
    expect(added.body.request.consenters).toContainEqual({ name: 'Verge Vergesen', role: 'guardian' });
  });
});

describe('law-own-consent-16: from 16 the young person consents personally', () => {
  test('when a parent alone consents for a 17-year-old, then 409 names the rule and the case waits; the young person\'s own consent moves it on', async () => {
    const id = await newCase(s.app, { child: { name: 'Sytten År', birthDate: yearsAgo(17) } });
    const parent = await post(`/cases/${id}/consents`, { givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment'], givenOn: today() });
    expect(parent.status).toBe(409);
    expect(parent.body.detail).toMatch(/^the child is 17: from 16 the young person consents personally \(pbrl § 4-3\)/);
    const own = await post(`/cases/${id}/consents`, { givenBy: 'Sytten År', role: 'young_person', covers: ['appointment'], givenOn: today() });
    expect(own.status).toBe(200);
    expect(own.body.status).toBe('kartlegging');
  });

  test('when KE gives its reasons why the 17-year-old lacks the competence to consent, then the parent\'s consent is accepted and the reasons are kept', async () => {
    const id = await newCase(s.app, { child: { name: 'Sytten År', birthDate: yearsAgo(17) } });
    const res = await post(`/cases/${id}/consents`, {
      givenBy: 'Per Testforelder',
      role: 'parent',
      covers: ['appointment'],
      givenOn: today(),
      youngPersonLacksCompetence: 'Alvorlig kognitiv funksjonsnedsettelse; kan ikke overskue hva samtykket gjelder.',
    });
    expect(res.status).toBe(200);
    expect(res.body.consents[0].youngPersonLacksCompetence).toMatch(/^Alvorlig kognitiv/);
  });
});

describe('law-withdrawn-consent-closes: without consent there is no coordinator', () => {
  test('when the family withdraws consent to the coordinator in an appointed case, then the case closes for withdrawn consent with its letter, and its workflow waits only for complaints about the closure', async () => {
    const id = await appointed(s.app, await unitWithCoordinator(s.app));
    const res = await post(`/cases/${id}/consents/withdrawal`, { scopes: ['appointment'], withdrawnBy: 'Per Testforelder', on: today() });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('closed');
    expect(res.body.closure).toMatchObject({ reason: 'consent_withdrawn', on: today() });
    expect(res.body.deadlines).toEqual([]);
    const letters = (await get(`/cases/${id}/letters`)).body.letters;
    expect(letters.map((l: { kind: string }) => l.kind)).toEqual(['decision', 'appointment', 'closure']);
    expect(await html(id, letters[2].id)).toContain('Samtykket til barnekoordinator er trukket tilbake.');
    // Rule law-complaint-after-closure: the workflow stays for a complaint about the closure; nothing else is taken.
    expect((await s.client.workflow.getHandle(caseWorkflowId(id)).describe()).status.name).toBe('RUNNING');
    expect((await post(`/cases/${id}/kick-off`, { heldOn: today() })).body.detail).toBe('the case is closed');
  });
});

describe('law-complaint-after-closure: the family may complain that the coordinator ends', () => {
  test('when KE closes an appointed case and the family complains, then the complaint is registered on time; KE reverses it, the case is granted again with a letter, and the coordinator is appointed again', async () => {
    const who = await unitWithCoordinator(s.app);
    const id = await appointed(s.app, who);
    expect((await post(`/cases/${id}/closure`, { reason: 'need_ended', on: today() })).status).toBe(200);
    const complained = await post(`/cases/${id}/complaints`, { about: 'change_or_termination', receivedOn: today() });
    expect(complained.status).toBe(200);
    expect(complained.body.status).toBe('closed');
    const complaint = complained.body.complaints.at(-1);
    expect(complaint).toMatchObject({ about: 'change_or_termination', familyLearnedOn: today(), late: false, status: 'received' });
    const wrongKind = await post(`/cases/${id}/complaints`, { about: 'right_not_fulfilled', receivedOn: today() });
    expect(wrongKind.status).toBe(409);
    expect(wrongKind.body.detail).toBe('the case is closed: a complaint now concerns its closure (about: change_or_termination), not right_not_fulfilled');

    const reversed = await post(`/cases/${id}/complaints/${complaint.id}/outcome`, { outcome: 'reversed_by_ke', reasons: 'Behovet for koordinering består.', on: today() });
    expect(reversed.status).toBe(200);
    expect(reversed.body).toMatchObject({ status: 'granted' });
    expect(reversed.body.closure).toBeUndefined();
    expect(reversed.body.appointment).toBeUndefined();
    const letters = (await get(`/cases/${id}/letters`)).body.letters;
    expect(letters.map((l: { kind: string }) => l.kind)).toEqual(['decision', 'appointment', 'closure', 'complaint_reversal']);
    expect(await html(id, letters[3].id)).toContain('Behovet for koordinering består.');
    const again = await post(`/cases/${id}/appointment`, { ...who, appointedOn: today() });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'appointed', appointment: { coordinatorId: who.coordinatorId } });
    const events = (await get(`/cases/${id}/events`)).body.events.map((e: { type: string }) => e.type);
    expect(events.slice(-4)).toEqual(['CaseClosed', 'ComplaintReceived', 'ComplaintOutcomeRecorded', 'CoordinatorAppointed']);
    const handle = s.client.workflow.getHandle(caseWorkflowId(id));
    recordHistory(testEnv().temporalAddress, caseWorkflowId(id), (await handle.describe()).runId, 'case-complaint-after-closure');
  });

  test('when the case closes by itself at 18 and the family complains, then the complaint is registered; KE cannot reverse it, forwards it, and Statsforvalteren upholds it', async () => {
    // Received yesterday, at 17; the 18th birthday is today.
    const id = await newCase(s.app, { child: { name: 'Atten År', birthDate: yearsAgo(18) }, receivedOn: dateFromNow(-1) });
    await eventually(async () => ((await get(`/cases/${id}`)).body.status === 'closed' ? true : undefined));
    const complained = await post(`/cases/${id}/complaints`, { about: 'change_or_termination', receivedOn: today() });
    expect(complained.status).toBe(200);
    const complaint = complained.body.complaints.at(-1);
    expect(complaint).toMatchObject({ late: false, status: 'received' });
    const outcome = (body: Record<string, unknown>) => post(`/cases/${id}/complaints/${complaint.id}/outcome`, { reasons: 'Vurdert.', on: today(), ...body });
    const reversal = await outcome({ outcome: 'reversed_by_ke' });
    expect(reversal.status).toBe(409);
    expect(reversal.body.detail).toMatch(/^the case closed at the age limit \(18\) and the young person is 18: the right to a barnekoordinator ends there/);
    expect((await outcome({ outcome: 'forwarded_to_statsforvalteren' })).body.complaints.at(-1).status).toBe('forwarded');
    const upheld = await outcome({ outcome: 'upheld_by_statsforvalteren' });
    expect(upheld.status).toBe(200);
    expect(upheld.body).toMatchObject({ status: 'closed', closure: { reason: 'age_limit' } });
    expect(upheld.body.complaints.at(-1).status).toBe('upheld');
  });
});

describe('law-appointment-letter: the family is told who their coordinator is', () => {
  test('when a coordinator is appointed and later changed, then each time the family gets a letter naming the coordinator, the unit and how to reach them', async () => {
    const first = await unitWithCoordinator(s.app);
    const id = await appointed(s.app, first);
    const second = await unitWithCoordinator(s.app);
    expect((await post(`/cases/${id}/appointment`, { ...second, appointedOn: today() })).status).toBe(200);
    const letters = (await get(`/cases/${id}/letters`)).body.letters;
    expect(letters.map((l: { kind: string }) => l.kind)).toEqual(['decision', 'appointment', 'coordinator_change']);
    const appointment = await html(id, letters[1].id);
    expect(appointment).toContain('Oppnevning av barnekoordinator');
    expect(appointment).toContain('Kim Koordinator');
    expect(appointment).toMatch(/Helsestasjon \w+/);
    expect(appointment).toMatch(/e-post kim\.\w+@kommune\.no/);
    expect(await html(id, letters[2].id)).toContain('Ny barnekoordinator');
  });
});
