/**
 * The rules of issue #14 (the law, second reading), each named after the rule, through HTTP on
 * real Temporal and PostgreSQL.
 */
import { recordHistory } from '../helpers/histories';
import { startServices, testEnv, type Services } from '../helpers/services';
import { allMet, caseRequest, dateFromNow, interview, today, yearsAgo } from '../helpers/fixtures';
import { call, eventually } from '../helpers/http';
import { bearer } from '../helpers/auth';
import { appointed, newCase, refused, unitWithCoordinator } from '../helpers/cases';
import { caseWorkflowId } from '../../workflows/case/messages';
import { norwegianDate } from '../../activities/letters/text';
import { complaintDeadline } from '../../workflows/case/to-appointment';
import { addDaysToDate } from '../../workflows/case/dates';
import { isNonWorkingDay, nextWorkingDayFrom } from '../../workflows/case/holidays';

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

describe('law-complaint-deadline-working-day: a complaint deadline that ends on a holiday runs to the next working day', () => {
  test('when four weeks from a refusal end on a weekend or holiday, then the letter says the next working day, and a complaint that day is on time and one a day later is late', async () => {
    // The latest refusal date within the last year (a request older than a year is refused) whose
    // four weeks end on a Saturday, Sunday or public holiday, computed from today so the test
    // holds on every day of the year.
    const earliest = addDaysToDate(today(), -300);
    let decidedOn = addDaysToDate(today(), -40);
    while (!isNonWorkingDay(addDaysToDate(decidedOn, 28))) decidedOn = addDaysToDate(decidedOn, -1);
    expect(decidedOn >= earliest).toBe(true);
    const fourWeeks = addDaysToDate(decidedOn, 28);
    const deadline = complaintDeadline(decidedOn);
    expect(deadline).toBe(nextWorkingDayFrom(fourWeeks));
    expect(deadline > fourWeeks).toBe(true);
    const created = await post('/cases', caseRequest({ receivedOn: addDaysToDate(decidedOn, -20) }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    const consent = { givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment', 'information_sharing'], givenOn: addDaysToDate(decidedOn, -18) };
    expect((await post(`/cases/${id}/consents`, consent)).status).toBe(200);
    expect((await post(`/cases/${id}/kartlegging`, { ...interview, heldOn: addDaysToDate(decidedOn, -10) })).status).toBe(200);
    expect((await post(`/cases/${id}/kartlegging/assessment`, { ...allMet, seriousCondition: { met: false, text: 'Ikke alvorlig nok.' } })).status).toBe(200);
    const decision = await post(`/cases/${id}/decision`, { outcome: 'refused', reasons: 'Vilkår b er ikke oppfylt.', offeredInstead: ['coordinated_services'], decidedOn });
    expect(decision.status).toBe(200);
    const letter = (await lettersOf(id)).find((l) => l.kind === 'decision')!;
    expect(letter.html).toContain(`innen ${norwegianDate(deadline)}`);
    expect(letter.html).not.toContain(`innen ${norwegianDate(fourWeeks)}`);
    const onTime = await post(`/cases/${id}/complaints`, { about: 'refusal', receivedOn: deadline });
    expect(onTime.body.complaints.at(-1)).toMatchObject({ receivedOn: deadline, late: false });
    const dayAfter = addDaysToDate(deadline, 1);
    const late = await post(`/cases/${id}/complaints`, { about: 'refusal', receivedOn: dayAfter });
    expect(late.body.complaints.at(-1)).toMatchObject({ receivedOn: dayAfter, late: true });
  });
});

/** The letters of a case, oldest first, each with its HTML. */
async function lettersOf(caseId: string): Promise<{ kind: string; html: string }[]> {
  const list: { id: string; kind: string }[] = (await get(`/cases/${caseId}/letters`)).body.letters;
  return Promise.all(list.map(async (l) => ({ kind: l.kind, html: await html(caseId, l.id) })));
}

/** A refused case (condition b not met) with a complaint about the refusal, and the complaint's id. */
async function refusedWithComplaint() {
  const id = await refused(s.app);
  const complaint = (await post(`/cases/${id}/complaints`, { about: 'refusal', receivedOn: today() })).body.complaints[0];
  return { id, complaintId: complaint.id as string };
}

describe('law-statsforvalteren-letters: the family is told when its complaint goes to Statsforvalteren, and what Statsforvalteren decided, which is final', () => {
  test('when KE forwards the complaint and Statsforvalteren overturns the refusal, then one letter says the complaint is forwarded and the next gives Statsforvalteren\'s final decision and what KE does now, with no new complaint right', async () => {
    const { id, complaintId } = await refusedWithComplaint();
    const forwarded = await post(`/cases/${id}/complaints/${complaintId}/outcome`, { outcome: 'forwarded_to_statsforvalteren', reasons: 'KE mener fortsatt at vilkår b ikke er oppfylt.', on: today() });
    expect(forwarded.status).toBe(200);
    const overturned = await post(`/cases/${id}/complaints/${complaintId}/outcome`, { outcome: 'overturned_by_statsforvalteren', reasons: 'Statsforvalteren finner at vilkår b er oppfylt.', on: today() });
    expect(overturned.status).toBe(200);
    expect(overturned.body.status).toBe('granted');
    const letters = await lettersOf(id);
    expect(letters.map((l) => l.kind)).toEqual(['decision', 'complaint_forwarded', 'statsforvalteren_decision']);
    expect(letters[1].html).toContain('Klagen deres er sendt til Statsforvalteren');
    expect(letters[1].html).toContain('KE mener fortsatt at vilkår b ikke er oppfylt.');
    const decision = letters[2].html;
    expect(decision).toContain('Statsforvalterens avgjørelse i klagesaken');
    expect(decision).toContain('Statsforvalteren har gitt dere medhold');
    expect(decision).toContain('Statsforvalteren finner at vilkår b er oppfylt.');
    expect(decision).toContain('dere får brev om hvem det blir');
    expect(decision).toContain('endelig og kan ikke påklages (forvaltningsloven § 28 tredje ledd)');
    expect(decision).not.toContain('Klagefristen');
    expect(decision).not.toContain('Koordinerende enhet har behandlet klagen deres');
    const view = (await get(`/cases/${id}`)).body;
    expect(view.complaints[0].outcomes.map((o: { letterId?: string }) => typeof o.letterId)).toEqual(['string', 'string']);
  });

  test('when Statsforvalteren upholds the refusal, then the letter says so, that the refusal stands with what the municipality offers instead, and that the decision is final', async () => {
    const { id, complaintId } = await refusedWithComplaint();
    await post(`/cases/${id}/complaints/${complaintId}/outcome`, { outcome: 'forwarded_to_statsforvalteren', reasons: 'Opprettholdt.', on: today() });
    const upheld = await post(`/cases/${id}/complaints/${complaintId}/outcome`, { outcome: 'upheld_by_statsforvalteren', reasons: 'Avslaget står.', on: today() });
    expect(upheld.body.status).toBe('refused');
    const letters = await lettersOf(id);
    expect(letters.map((l) => l.kind)).toEqual(['decision', 'complaint_forwarded', 'statsforvalteren_decision']);
    const decision = letters[2].html;
    expect(decision).toContain('Statsforvalteren har ikke gitt dere medhold. Avgjørelsen fra koordinerende enhet blir stående.');
    expect(decision).toContain('samordne tjenestetilbudet');
    expect(decision).toContain('kan ikke påklages');
    expect(decision).not.toContain('Klagefristen');
  });
});

describe('law-letters-to-whom: letters go to whom the law points at', () => {
  test('when a 17-year-old consents personally and agrees to a copy to the parents, then the decision letter is addressed to the young person with a copy to the parent', async () => {
    const id = await newCase(s.app, { child: { name: 'Sytten År', birthDate: yearsAgo(17) } });
    const own = await post(`/cases/${id}/consents`, { givenBy: 'Sytten År', role: 'young_person', covers: ['appointment'], givenOn: today(), copyLettersToParents: true });
    expect(own.status).toBe(200);
    expect(own.body.consents[0].copyLettersToParents).toBe(true);
    await post(`/cases/${id}/kartlegging`, { ...interview, participants: ['Sytten År', 'KE-rådgiver'] });
    await post(`/cases/${id}/kartlegging/assessment`, allMet);
    expect((await post(`/cases/${id}/decision`, { outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', decidedOn: today() })).status).toBe(200);
    const [letter] = await lettersOf(id);
    expect(letter.html).toContain('<p class="to">Til: Sytten År</p>');
    expect(letter.html).toContain('<p class="copy">Kopi: Per Testforelder</p>');
    // Written to the young person alone, the letter says "du".
    expect(letter.html).toContain('Du kan klage på avgjørelsen');
    expect(letter.html).not.toMatch(/\bdere\b/i);
  });

  test('when a parent\'s consent carries copyLettersToParents, then 400 names the field: the copy is the young person\'s choice', async () => {
    const id = await newCase(s.app);
    const res = await post(`/cases/${id}/consents`, { givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment'], givenOn: today(), copyLettersToParents: true });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('copyLettersToParents');
  });

  test('when the case of a young person closes at 18, then the closure letter is addressed to the adult, not to the parents named in the request', async () => {
    const birthDate = yearsAgo(18);
    const id = await newCase(s.app, { child: { name: 'Atten År', birthDate }, receivedOn: dateFromNow(-1) });
    await eventually(async () => ((await get(`/cases/${id}`)).body.status === 'closed' ? true : undefined));
    const [letter] = await lettersOf(id);
    expect(letter.kind).toBe('closure');
    expect(letter.html).toContain('<p class="to">Til: Atten År</p>');
    expect(letter.html).not.toContain('Per Testforelder');
  });

  test('when a 19-year-old is refused at registration, then the refusal is addressed to the adult', async () => {
    const id = await newCase(s.app, { child: { name: 'Nitten År', birthDate: yearsAgo(19) } });
    const [letter] = await lettersOf(id);
    expect(letter.html).toContain('<p class="to">Til: Nitten År</p>');
  });
});

describe('law-absence-letters: every change of who the family\'s coordinator is comes by letter', () => {
  test('when the coordinator goes on leave with a substitute, then the family gets a letter naming the substitute and how to reach them', async () => {
    const a = await unitWithCoordinator(s.app);
    const sub = await unitWithCoordinator(s.app);
    const id = await appointed(s.app, a);
    const subEmail = (await get(`/coordinators/${sub.coordinatorId}`)).body.email;
    const res = await post(`/coordinators/${a.coordinatorId}/absences`, { kind: 'leave', from: today(), until: dateFromNow(30), substituteId: sub.coordinatorId });
    expect(res.status).toBe(202);
    const letters = await eventually(async () => {
      const l = await lettersOf(id);
      return l.length === 3 ? l : undefined;
    });
    expect(letters.map((l) => l.kind)).toEqual(['decision', 'appointment', 'coordinator_absence']);
    expect(letters[2].html).toContain('Barnekoordinatoren har permisjon');
    expect(letters[2].html).toContain(`til og med ${norwegianDate(dateFromNow(30))}`);
    expect(letters[2].html).toContain(`e-post ${subEmail}`);
  });

  test('when a leave has ended, then the family gets one letter about the leave and one that the coordinator is back', async () => {
    const a = await unitWithCoordinator(s.app);
    const id = await appointed(s.app, a);
    await post(`/coordinators/${a.coordinatorId}/absences`, { kind: 'leave', from: dateFromNow(-10), until: dateFromNow(-1) });
    const letters = await eventually(async () => {
      const l = await lettersOf(id);
      return l.length === 4 ? l : undefined;
    });
    expect(letters.map((l) => l.kind)).toEqual(['decision', 'appointment', 'coordinator_absence', 'coordinator_return']);
    expect(letters[2].html).toContain('har koordinerende enhet ansvaret for oppfølgingen');
    expect(letters[3].html).toContain('Barnekoordinatoren er tilbake');
    expect(letters[3].html).toContain('Kim Koordinator');
  });

  test('when the coordinator departs without a substitute, then the letter says KE holds the case and will write who the new coordinator is', async () => {
    const a = await unitWithCoordinator(s.app);
    const id = await appointed(s.app, a);
    await post(`/coordinators/${a.coordinatorId}/absences`, { kind: 'departure', from: today() });
    const letters = await eventually(async () => {
      const l = await lettersOf(id);
      return l.length === 3 ? l : undefined;
    });
    expect(letters[2].kind).toBe('coordinator_absence');
    expect(letters[2].html).toContain('Barnekoordinatoren slutter');
    expect(letters[2].html).toContain('Koordinerende enhet oppnevner ny barnekoordinator, og dere får brev om hvem det blir.');
  });
});

describe('law-letter-contents: every letter gives the saksnummer, the caseworker and how to reach KE; a refusal assesses each condition; a complaint should be written, and KE helps', () => {
  test('when a refusal is written, then it gives the saksnummer, the caseworker, KE\'s address, each of the three conditions with KE\'s assessment, and that KE helps to write a complaint', async () => {
    const id = await newCase(s.app, { caseworkerId: 'ke-saksbehandler-7', caseworkerName: 'Siri Saksbehandler' });
    await post(`/cases/${id}/consents`, { givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment'], givenOn: today() });
    await post(`/cases/${id}/kartlegging`, interview);
    await post(`/cases/${id}/kartlegging/assessment`, { ...allMet, seriousCondition: { met: false, text: 'Funksjonsnedsettelsen er lett.' } });
    const decided = await post(`/cases/${id}/decision`, { outcome: 'refused', reasons: 'Vilkår b er ikke oppfylt.', offeredInstead: ['coordinated_services'], decidedOn: today() });
    expect(decided.status).toBe(200);
    const [letter] = await lettersOf(id);
    expect(letter.html).toContain(`Saksnummer: ${id}`);
    expect(letter.html).toContain('Saksbehandler er Siri Saksbehandler');
    expect(letter.html).toContain('Dere når koordinerende enhet på');
    expect(letter.html).toContain('<h2>Vilkår a: Familien har eller venter barn under 18 år</h2>\n<p>Oppfylt. Barnet er 7 år.</p>');
    expect(letter.html).toMatch(/<h2>Vilkår b: [^<]+<\/h2>\n<p>Ikke oppfylt\. Funksjonsnedsettelsen er lett\.<\/p>/);
    expect(letter.html).toMatch(/<h2>Vilkår c: [^<]+<\/h2>\n<p>Oppfylt\. /);
    expect(letter.html).toContain('Klagen bør være skriftlig. Koordinerende enhet hjelper dere gjerne med å skrive den (forvaltningsloven § 11).');
  });

  test('when KE closes a case, then the closure letter gives the deadline "hvis dere mottok den" the closure date, as decision letters do', async () => {
    const id = await appointed(s.app, await unitWithCoordinator(s.app));
    expect((await post(`/cases/${id}/closure`, { reason: 'need_ended', on: today() })).status).toBe(200);
    const letters = await lettersOf(id);
    const closure = letters.find((l) => l.kind === 'closure')!;
    expect(closure.html).toContain(`innen ${norwegianDate(complaintDeadline(today()))} hvis dere mottok den ${norwegianDate(today())}`);
    expect(closure.html).toContain('Klagen bør være skriftlig');
    expect(closure.html).toContain(`Saksnummer: ${id}`);
  });
});
