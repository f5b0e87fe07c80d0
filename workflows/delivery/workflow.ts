/**
 * One letter on its way to the family (issue #17). Started by the worker's delivery starter for
 * every pending letter_deliveries row; the activities (activities/delivery.ts) do the talking to
 * SvarUt and KRR and write every step to PostgreSQL, so this file only orders them:
 *
 *   prepare (SvarUt configured? recipient's address? KRR reservation) ─┬─ by hand: remind KE, wait for handedOver
 *                                                                       └─ send (idempotent by letter id), then
 *   poll on a durable timer until a final status, failure (escalate), the delivery deadline
 *   (escalate once, poll on) or handedOver.
 */
import { ActivityFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { DeliveryActivities } from '../../activities/delivery';
import { DELIVERED, DELIVERY_REMINDER_KINDS, handedOver, type DeliveryInput, type DeliveryState, type HandOver } from './messages';

export async function letterDeliveryWorkflow({ letterId, caseId, policy }: DeliveryInput): Promise<DeliveryState> {
  let handOver: HandOver | undefined;
  setHandler(handedOver, (h) => {
    handOver ??= h;
  });
  const retry = { initialInterval: policy.retryInitialMs, backoffCoefficient: 2, maximumInterval: '5m' } as const;
  const dbWrite = proxyActivities<DeliveryActivities>({ startToCloseTimeout: '1m', retry });
  const national = proxyActivities<DeliveryActivities>({ startToCloseTimeout: '1m', scheduleToCloseTimeout: policy.sendForMs, retry });
  const sending = proxyActivities<DeliveryActivities>({ startToCloseTimeout: policy.sendAttemptMs, scheduleToCloseTimeout: policy.sendForMs, retry });

  const handedOverMeanwhile = () => handOver !== undefined;
  /** KE is told, then the letter waits for KE to hand it over (or for the policy's patience to end). */
  const leaveToKe = async (kind: string, level: 'reminder' | 'escalation', state: DeliveryState): Promise<DeliveryState> => {
    await dbWrite.remindKe({ letterId, caseId, kind, level });
    return (await condition(handedOverMeanwhile, policy.waitForHandOverMs)) ? 'handed_over' : state;
  };

  try {
    const prepared = await national.prepareDelivery({ letterId });
    if (prepared.route === 'done') return prepared.state;
    if (prepared.route === 'by_hand') return await leaveToKe(DELIVERY_REMINDER_KINDS.byHand, 'reminder', 'by_hand');
    if (handedOverMeanwhile()) return 'handed_over';

    const sentAt = Date.now();
    const sent = await sending.sendLetter({ letterId, printOnly: prepared.printOnly });
    if (sent.skipped) return sent.state;
    let escalated = false;
    for (;;) {
      if (await condition(handedOverMeanwhile, policy.pollEveryMs)) return 'handed_over';
      const { state, final } = await national.pollDelivery({ letterId });
      if (state === 'handed_over') return state;
      if (state === 'failed') return leaveToKe(DELIVERY_REMINDER_KINDS.failed, 'escalation', state);
      if (final) return state;
      const delivered = DELIVERED.has(state) || state === 'sent_to_print';
      if (!delivered && !escalated && Date.now() - sentAt >= policy.deliverWithinMs) {
        escalated = true;
        await dbWrite.remindKe({ letterId, caseId, kind: DELIVERY_REMINDER_KINDS.notDelivered, level: 'escalation' });
      }
      if (Date.now() - sentAt >= policy.pollForMs) return state;
    }
  } catch (err) {
    // Refused by KRR or SvarUt for good, or not sent nor polled within the policy's time: KE takes over.
    if (!(err instanceof ActivityFailure)) throw err;
    await dbWrite.markFailed({ letterId });
    return leaveToKe(DELIVERY_REMINDER_KINDS.failed, 'escalation', 'failed');
  }
}
