/**
 * A letter SvarUt never gets out of MOTTATT gives KE one escalation when the delivery deadline
 * has passed, and goes on being polled until KE hands it over; a letter SvarUt refuses after
 * receipt (AVVIST) fails and is escalated at once; a letter whose addressee has no postal
 * address is to be handed over by hand. Each of them is on KE's worklist until it is delivered or
 * handed over.
 */
import { SCRIPTS } from '../fakes/svarut';
import { today } from '../helpers/fixtures';
import { call, eventually } from '../helpers/http';
import { granted } from '../helpers/cases';
import { addContact, deliveryOf, deliveryReaches, deliveryResult, lettersOf, startDeliveryHarness, TEST_DELIVERY_POLICY, type DeliveryHarness } from './harness';

let h: DeliveryHarness;
beforeAll(async () => {
  h = await startDeliveryHarness({ configured: true });
});
afterAll(async () => {
  await h?.close();
});

const remindersOf = async (letterId: string) =>
  (
    await h.s.pool.query<{ key: string; level: string; kind: string; recipient: string }>(
      'SELECT key, level, kind, recipient FROM reminders WHERE key LIKE $1 ORDER BY key',
      [`letter:${letterId}:%`],
    )
  ).rows;

/** The letter's row in KE's worklist, if listed. */
const onWorklist = async (letterId: string, query = '') => {
  const res = await call(h.s.app, 'GET', `/ke/worklist?limit=1000${query}`);
  expect(res.status).toBe(200);
  return (res.body.lettersToDeliver as { letterId: string }[]).find((l) => l.letterId === letterId);
};

async function decisionLetter(script?: keyof typeof SCRIPTS, contact = true): Promise<{ caseId: string; letterId: string }> {
  const caseId = await granted(h.s.app);
  if (contact) {
    const nid = await addContact(h, caseId);
    if (script) h.f!.svarut.recipients.set(nid!, SCRIPTS[script]);
  }
  h.caseIds.push(caseId);
  return { caseId, letterId: (await lettersOf(h, caseId))[0].id };
}

test('when a forsendelse stays in MOTTATT past the delivery deadline, then KE gets one escalation and a worklist row, the letter is still polled, and KE handing it over ends the delivery and takes it off the worklist', async () => {
  const { caseId, letterId } = await decisionLetter('stuck');
  await deliveryReaches(h, letterId, ['accepted']);
  expect(await remindersOf(letterId)).toEqual([]);
  h.f!.svarut.advance(30 * 24 * 3_600_000);

  const escalated = await eventually(async () => ((await remindersOf(letterId)).length > 0 ? remindersOf(letterId) : undefined), TEST_DELIVERY_POLICY.deliverWithinMs + 10_000);
  expect(escalated).toEqual([{ key: `letter:${letterId}:letter_not_delivered`, level: 'escalation', kind: 'letter_not_delivered', recipient: 'ke' }]);
  // Polls go on, and none escalates again.
  const polls = h.f!.svarut.requests.status;
  await eventually(async () => (h.f!.svarut.requests.status >= polls + 3 ? true : undefined));
  expect(await remindersOf(letterId)).toHaveLength(1);
  expect(await deliveryOf(h, letterId)).toMatchObject({ state: 'accepted', received_on: null });
  expect((await call(h.s.app, 'GET', `/cases/${caseId}/letters`)).body.letters[0].delivery).toMatchObject({ state: 'accepted', svarutStatus: 'MOTTATT', escalated: true });
  expect(await onWorklist(letterId)).toMatchObject({ caseId, letterKind: 'decision', reason: 'not_delivered', byHandReason: null, caseStatus: 'granted' });
  // A worklist filtered to a kind of deadline, or to a coordinator's, is not KE's letters.
  expect(await onWorklist(letterId, '&kind=consent')).toBeUndefined();
  expect(await onWorklist(letterId, `&responsible=${encodeURIComponent('coordinator:00000000-0000-4000-8000-000000000000')}`)).toBeUndefined();
  expect(await onWorklist(letterId, '&responsible=ke')).toMatchObject({ reason: 'not_delivered' });

  const handed = await call(h.s.app, 'POST', `/cases/${caseId}/letters/${letterId}/handed-over`, { on: today(), how: 'personlig', note: 'Gitt til mor på helsestasjonen.' });
  expect(handed.status).toBe(200);
  expect(handed.body.delivery).toMatchObject({ state: 'handed_over', receivedOn: today(), handedOver: { on: today(), how: 'personlig', note: 'Gitt til mor på helsestasjonen.' } });
  expect(await deliveryResult(h, letterId, 'letter-delivery-stuck-escalated-handed-over')).toBe('handed_over');
  expect(h.f!.svarut.byEksternReferanse(letterId)).toHaveLength(1);
  expect(await onWorklist(letterId)).toBeUndefined();
});

test('when SvarUt refuses a forsendelse after receipt (AVVIST), then the letter is failed and KE gets an escalation and a worklist row at once', async () => {
  const { letterId } = await decisionLetter('rejected');
  await deliveryReaches(h, letterId, ['accepted']);
  h.f!.svarut.advance(2_000);
  await deliveryReaches(h, letterId, ['failed']);
  expect(await eventually(async () => ((await remindersOf(letterId)).length > 0 ? remindersOf(letterId) : undefined))).toEqual([
    { key: `letter:${letterId}:letter_failed`, level: 'escalation', kind: 'letter_failed', recipient: 'ke' },
  ]);
  expect(await onWorklist(letterId)).toMatchObject({ letterKind: 'decision', reason: 'failed', byHandReason: null });
});

test('when no addressee of the letter has a postal address, then it is to be handed over by hand and KE gets a reminder and a worklist row; nothing goes to SvarUt', async () => {
  const { letterId } = await decisionLetter(undefined, false);
  expect(await deliveryReaches(h, letterId, ['by_hand'])).toMatchObject({ by_hand_reason: 'no_address', forsendelse_id: null });
  expect(await eventually(async () => ((await remindersOf(letterId)).length > 0 ? remindersOf(letterId) : undefined))).toEqual([
    { key: `letter:${letterId}:letter_by_hand`, level: 'reminder', kind: 'letter_by_hand', recipient: 'ke' },
  ]);
  expect(h.f!.svarut.byEksternReferanse(letterId)).toHaveLength(0);
  expect(await onWorklist(letterId)).toMatchObject({ letterKind: 'decision', reason: 'by_hand', byHandReason: 'no_address' });
});
