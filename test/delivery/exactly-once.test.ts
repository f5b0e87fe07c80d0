/**
 * One forsendelse per letter, whatever happens on the way: a storm of 5xx from SvarUt on lookups
 * and sends (some after SvarUt stored the forsendelse), and a worker stopped while SvarUt holds
 * back its answer to a send it has stored, with a new worker taking over.
 */
import { eventually } from '../helpers/http';
import { granted } from '../helpers/cases';
import { addContact, deliveryReaches, lettersOf, startDeliveryHarness, type DeliveryHarness } from './harness';

let h: DeliveryHarness;
beforeAll(async () => {
  h = await startDeliveryHarness({ configured: true });
});
afterAll(async () => {
  await h?.close();
});

/** A granted case whose decision letter's addressee has an address; its delivery starts now. */
async function decisionLetter(): Promise<string> {
  const id = await granted(h.s.app);
  await addContact(h, id);
  h.caseIds.push(id);
  return (await lettersOf(h, id))[0].id;
}

test('when SvarUt answers a storm of 5xx to lookups and sends, some after storing the forsendelse, then the letter is accepted once: one forsendelse', async () => {
  const sendsBefore = h.f!.svarut.requests.send;
  h.f!.svarut.faults.push(
    { route: 'eksternref', status: 503 },
    { route: 'send', status: 500 },
    { route: 'eksternref', status: 504 },
    { route: 'send', status: 503, afterWork: true },
    { route: 'eksternref', status: 502 },
  );
  const letterId = await decisionLetter();
  const accepted = await deliveryReaches(h, letterId, ['accepted', 'delivered_digitally', 'read']);
  expect(h.f!.svarut.faults).toEqual([]);
  const stored = h.f!.svarut.byEksternReferanse(letterId);
  expect(stored).toHaveLength(1);
  expect(accepted.forsendelse_id).toBe(stored[0].id);
  // Two uploads reached SvarUt: the one refused with 500, the one stored and answered with 503.
  expect(h.f!.svarut.requests.send - sendsBefore).toBe(2);
  expect(accepted.attempts).toBeGreaterThanOrEqual(2);
});

test('when the worker stops while SvarUt holds back the answer to a send it has stored, then a new worker finds the forsendelse and sends nothing more: one forsendelse', async () => {
  const sendsBefore = h.f!.svarut.requests.send;
  h.f!.svarut.faults.push({ route: 'send', delayMs: 15_000, afterWork: true });
  const letterId = await decisionLetter();
  // SvarUt has stored it; the worker still waits for the answer.
  await eventually(async () => (h.f!.svarut.byEksternReferanse(letterId).length === 1 ? true : undefined));
  expect((await deliveryReaches(h, letterId, ['sending'])).forsendelse_id).toBeNull();
  await h.stopWorker();
  await h.startWorker();
  const accepted = await deliveryReaches(h, letterId, ['accepted', 'delivered_digitally', 'read'], 30_000);
  const stored = h.f!.svarut.byEksternReferanse(letterId);
  expect(stored).toHaveLength(1);
  expect(accepted.forsendelse_id).toBe(stored[0].id);
  expect(h.f!.svarut.requests.send - sendsBefore).toBe(1);
  expect(accepted.attempts).toBe(2);
});
