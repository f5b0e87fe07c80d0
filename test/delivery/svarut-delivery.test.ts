/**
 * Letters through SvarUt (the fake, over HTTP) as a durable delivery per letter: a decision is
 * sent, polled to LEST, and its receipt moves the complaint deadline and a complaint's `late`;
 * a recipient reserved in KRR gets the letter by post, with the receipt print day plus the days
 * post takes.
 */
import { addDaysToDate, osloDateOf } from '../../workflows/case/dates';
import { complaintDeadline } from '../../workflows/case/to-appointment';
import { POST_DAYS } from '../../workflows/delivery/receipt';
import { allMet, dateFromNow } from '../helpers/fixtures';
import { call, eventually } from '../helpers/http';
import { granted } from '../helpers/cases';
import { addContact, deliveryCase, deliveryReaches, deliveryResult, lettersOf, startDeliveryHarness, type DeliveryHarness } from './harness';

let h: DeliveryHarness;
beforeAll(async () => {
  h = await startDeliveryHarness({ configured: true });
});
afterAll(async () => {
  await h?.close();
});

const post = async (url: string, body: unknown) => {
  const res = await call(h.s.app, 'POST', url, body);
  if (res.status !== 200) throw new Error(`POST ${url} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

/** Moves the fake SvarUt's clock to this instant. */
const fakeClockAt = (at: number) => h.f!.svarut.advance(at - h.f!.svarut.now());

test('when a decision is read by the family days after it was made, then its receipt is the day read, the letters show the complaint deadline from it, and a complaint without familyLearnedOn is on time by it', async () => {
  const decidedOn = dateFromNow(-50);
  const receiptDay = addDaysToDate(decidedOn, 5);
  const id = await deliveryCase(h, { receivedOn: dateFromNow(-60) });
  await addContact(h, id);
  await post(`/cases/${id}/consents`, { givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment', 'information_sharing'], givenOn: dateFromNow(-59) });
  await post(`/cases/${id}/kartlegging`, { heldOn: dateFromNow(-58), participants: ['Per Testforelder'], childParticipated: true });
  await post(`/cases/${id}/kartlegging/assessment`, allMet);
  // SvarUt receives the letter on the receipt day (its clock), and reports each status from then.
  fakeClockAt(Date.parse(`${receiptDay}T09:00:00Z`));
  await post(`/cases/${id}/decision`, { outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', decidedOn });
  const [letter] = await lettersOf(h, id);
  expect(letter.kind).toBe('decision');

  await deliveryReaches(h, letter.id, ['accepted']);
  // The first poll sees MOTTATT before SvarUt's clock moves on.
  await eventually(async () => ((await h.s.pool.query("SELECT 1 FROM letter_delivery_transitions WHERE letter_id = $1 AND svarut_status = 'MOTTATT'", [letter.id])).rowCount ? true : undefined));
  h.f!.svarut.advance(2_500);
  await deliveryReaches(h, letter.id, ['delivered_digitally']);
  h.f!.svarut.advance(60_000);
  const read = await deliveryReaches(h, letter.id, ['read']);
  expect(await deliveryResult(h, letter.id, 'letter-delivery-read')).toBe('read');
  expect(read).toMatchObject({ channel: 'digital', received_on: receiptDay, krr_reserved: false });
  expect(h.f!.svarut.byEksternReferanse(letter.id)).toHaveLength(1);
  const transitions = await h.s.pool.query<{ svarut_status: string }>(
    'SELECT svarut_status FROM letter_delivery_transitions WHERE letter_id = $1 ORDER BY changed_at',
    [letter.id],
  );
  expect(transitions.rows.map((t) => t.svarut_status)).toEqual(['MOTTATT', 'VARSLET', 'LEST']);

  const letters = (await call(h.s.app, 'GET', `/cases/${id}/letters`)).body.letters;
  expect(letters[0]).toMatchObject({
    id: letter.id,
    delivery: { state: 'read', channel: 'digital', svarutStatus: 'LEST', receivedOn: receiptDay, handedOver: null, escalated: false },
    complaintDeadline: { date: complaintDeadline(receiptDay), from: 'receipt' },
  });

  const late = await call(h.s.app, 'POST', `/cases/${id}/letters/${letter.id}/handed-over`, { on: dateFromNow(0), how: 'personlig' });
  expect([late.status, late.body.detail]).toEqual([409, `letter ${letter.id} is already delivered (read)`]);

  // A day past the deadline counted from the decision date, well within the one from the receipt.
  const complaintOn = addDaysToDate(complaintDeadline(decidedOn), 1);
  expect(complaintOn <= complaintDeadline(receiptDay)).toBe(true);
  const view = await post(`/cases/${id}/complaints`, { about: 'right_not_fulfilled', receivedOn: complaintOn });
  expect(view.complaints).toHaveLength(1);
  expect(view.complaints[0]).toMatchObject({ familyLearnedOn: receiptDay, late: false });
});

test('when a complaint comes after the deadline counted from the receipt, then it is late', async () => {
  const decidedOn = dateFromNow(-60);
  const receiptDay = addDaysToDate(decidedOn, 3);
  const id = await deliveryCase(h, { receivedOn: dateFromNow(-70) });
  await addContact(h, id);
  await post(`/cases/${id}/consents`, { givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment', 'information_sharing'], givenOn: dateFromNow(-69) });
  await post(`/cases/${id}/kartlegging`, { heldOn: dateFromNow(-68), participants: ['Per Testforelder'], childParticipated: true });
  await post(`/cases/${id}/kartlegging/assessment`, allMet);
  fakeClockAt(Date.parse(`${receiptDay}T09:00:00Z`));
  await post(`/cases/${id}/decision`, { outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', decidedOn });
  const [letter] = await lettersOf(h, id);
  await deliveryReaches(h, letter.id, ['accepted']);
  h.f!.svarut.advance(61_000);
  await deliveryReaches(h, letter.id, ['read']);

  const view = await post(`/cases/${id}/complaints`, { about: 'right_not_fulfilled', receivedOn: addDaysToDate(complaintDeadline(receiptDay), 1) });
  expect(view.complaints[0]).toMatchObject({ familyLearnedOn: receiptDay, late: true });
});

test('when the recipient is reserved against digital post in KRR, then the letter goes to print without a digital id, its receipt is the print day plus the days post takes, and the language is recorded and becomes the case\'s målform', async () => {
  const id = await granted(h.s.app);
  const nid = (await addContact(h, id))!;
  h.f!.krr.persons.set(nid, { reservasjon: 'JA', spraak: 'nn' });
  h.caseIds.push(id);
  const [letter] = await lettersOf(h, id);

  await deliveryReaches(h, letter.id, ['accepted']);
  const [forsendelse] = h.f!.svarut.byEksternReferanse(letter.id);
  expect((forsendelse.metadata.mottaker as Record<string, unknown>).digitalId).toBeUndefined();
  expect(forsendelse.metadata).toMatchObject({ eksternReferanse: letter.id, taushetsbelagtPost: true, mottaker: { navn: 'Per Testforelder', postnummer: '9990' } });
  h.f!.svarut.advance(2_500);
  const printed = await deliveryReaches(h, letter.id, ['sent_to_print']);
  const printDay = osloDateOf(new Date(forsendelse.receivedAt + 2_000));
  expect(printed).toMatchObject({ channel: 'print', krr_reserved: true, preferred_language: 'nn', received_on: addDaysToDate(printDay, POST_DAYS) });
  // KRR's language is the case's målform from now on (the municipality writes bokmål).
  expect((await call(h.s.app, 'GET', `/cases/${id}/malform`)).body).toMatchObject({ malform: 'nn', municipalityDefault: false, changedBy: 'krr' });

  h.f!.svarut.advance(24 * 3_600_000);
  expect(await deliveryResult(h, letter.id)).toBe('sent_to_print');
  expect(await eventually(async () => ((await call(h.s.app, 'GET', `/cases/${id}/letters`)).body.letters[0].delivery.svarutStatus === 'PRINTET' ? true : undefined))).toBe(true);
  expect(h.f!.svarut.byEksternReferanse(letter.id)).toHaveLength(1);
});

test("when KE has recorded the family's målform, then KRR's language does not change it", async () => {
  const id = await granted(h.s.app);
  expect((await call(h.s.app, 'PUT', `/cases/${id}/malform`, { malform: 'nb' })).status).toBe(200);
  const nid = (await addContact(h, id))!;
  h.f!.krr.persons.set(nid, { reservasjon: 'NEI', spraak: 'nn' });
  h.caseIds.push(id);
  const [letter] = await lettersOf(h, id);
  expect(await deliveryReaches(h, letter.id, ['accepted', 'delivered_digitally', 'read'])).toMatchObject({ preferred_language: 'nn' });
  expect((await call(h.s.app, 'GET', `/cases/${id}/malform`)).body).toMatchObject({ malform: 'nb', changedBy: 'ke-tester' });
});
