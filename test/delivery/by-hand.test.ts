/**
 * Without SvarUt (npm start, a deployment without SVARUT_URL) no letter is dropped: each is to
 * be handed over by hand, KE gets a reminder in its inbox, and KE records the hand-over through
 * the API, which ends the letter's delivery. Bad input names the field and changes nothing.
 */
import { startDispatcher, type Dispatcher } from '../../worker/dispatcher';
import { complaintDeadline } from '../../workflows/case/to-appointment';
import { dateFromNow, today } from '../helpers/fixtures';
import { call, eventually } from '../helpers/http';
import { granted } from '../helpers/cases';
import { logger } from '../helpers/services';
import { bearer } from '../helpers/auth';
import { deliveryOf, deliveryReaches, deliveryResult, lettersOf, startDeliveryHarness, type DeliveryHarness } from './harness';

let h: DeliveryHarness;
let dispatcher: Dispatcher;
beforeAll(async () => {
  h = await startDeliveryHarness({ configured: false });
  dispatcher = startDispatcher({ pool: h.s.pool, logger, publicBaseUrl: 'https://bk.test', intervalMs: 100, caseIds: h.caseIds });
});
afterAll(async () => {
  await dispatcher?.stop();
  await h?.close();
});

async function byHandLetter(): Promise<{ caseId: string; letterId: string }> {
  const caseId = await granted(h.s.app);
  h.caseIds.push(caseId);
  const letterId = (await lettersOf(h, caseId))[0].id;
  await deliveryReaches(h, letterId, ['by_hand']);
  return { caseId, letterId };
}

test('when SvarUt is not configured, then the letter is to be handed over by hand and KE finds a reminder in its inbox', async () => {
  const { caseId, letterId } = await byHandLetter();
  expect(await deliveryOf(h, letterId)).toMatchObject({ by_hand_reason: 'not_configured', forsendelse_id: null });
  const inbox = await eventually(async () => {
    const { rows } = await h.s.pool.query<{ recipient: string; subject: string; body: string }>(
      'SELECT recipient, subject, body FROM inbox WHERE reminder_key = $1',
      [`letter:${letterId}:letter_by_hand`],
    );
    return rows[0];
  });
  expect(inbox.recipient).toBe('ke');
  expect(inbox.subject).toMatch(/^Påminnelse: brevet skal sendes for hånd/);
  expect(inbox.body).toContain(`https://bk.test/cases/${caseId}`);
  const [letter] = (await call(h.s.app, 'GET', `/cases/${caseId}/letters`)).body.letters;
  expect(letter.delivery).toMatchObject({ state: 'by_hand', byHandReason: 'not_configured', receivedOn: null });
  expect(letter.complaintDeadline).toEqual({ date: complaintDeadline(today()), from: 'letter_date' });
});

test('when KE records the hand-over, then it is recorded with its day as the receipt, the delivery completes, and the same record again changes nothing', async () => {
  const { caseId, letterId } = await byHandLetter();
  const url = `/cases/${caseId}/letters/${letterId}/handed-over`;
  const res = await call(h.s.app, 'POST', url, { on: today(), how: 'post' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ id: letterId, delivery: { state: 'handed_over', receivedOn: today(), handedOver: { on: today(), how: 'post', note: null } } });
  expect(res.body.delivery.handedOver.by).toEqual(expect.any(String));
  expect(res.body.complaintDeadline).toEqual({ date: complaintDeadline(today()), from: 'receipt' });
  expect(await deliveryResult(h, letterId, 'letter-delivery-by-hand')).toBe('handed_over');

  const again = await call(h.s.app, 'POST', url, { on: today(), how: 'post' });
  expect(again.status).toBe(200);
  expect(again.body.delivery).toEqual(res.body.delivery);

  const otherWay = await call(h.s.app, 'POST', url, { on: today(), how: 'personlig' });
  expect(otherWay.status).toBe(409);
  expect(otherWay.body.detail).toBe(`letter ${letterId} was already handed over on ${today()} (post)`);
});

test('when the hand-over is bad (unknown way, no date, a day after today or before the letter, unknown letter, not KE), then it is refused naming the field and nothing changes', async () => {
  const { caseId, letterId } = await byHandLetter();
  const url = `/cases/${caseId}/letters/${letterId}/handed-over`;
  const refusals = [
    [{ on: today(), how: 'faks' }, 400, /how/],
    [{ how: 'post' }, 400, /on/],
    [{ on: '2026-02-30', how: 'post' }, 400, /on/],
    [{ on: dateFromNow(1), how: 'post' }, 400, /^on: .* is after today/],
    [{ on: dateFromNow(-3), how: 'post' }, 400, /^on: .* is before the letter was written/],
    [{ on: today(), how: 'post', extra: 1 }, 400, /extra/],
  ] as const;
  for (const [body, status, detail] of refusals) {
    const res = await call(h.s.app, 'POST', url, body);
    expect([res.status, res.body.detail]).toEqual([status, expect.stringMatching(detail)]);
  }
  const unknown = await call(h.s.app, 'POST', `/cases/${caseId}/letters/${crypto.randomUUID()}/handed-over`, { on: today(), how: 'post' });
  expect(unknown.status).toBe(404);
  const coordinator = await call(h.s.app, 'POST', url, { on: today(), how: 'post' }, await bearer({ roles: ['coordinator'] }));
  expect(coordinator.status).toBe(403);
  expect(await deliveryOf(h, letterId)).toMatchObject({ state: 'by_hand', received_on: null });
});
