/**
 * When the family received a letter (its receipt), from what SvarUt reported. Pure. The
 * complaint deadline runs from it (pbrl § 7-5: four weeks from when the family learned of the
 * decision).
 *
 * - Read, or delivered to a digital mailbox or notified in Altinn: that day.
 * - Sent to print: the print day plus POST_DAYS. A letter first notified digitally and then
 *   printed because it was not opened had not reached the family: the later receipt replaces it.
 * - Read after a digital delivery keeps the earlier day.
 */
import { addDaysToDate } from '../case/dates';
import type { DeliveryState } from './messages';

/**
 * The days a printed letter takes to reach the family. Posten has delivered letters every other
 * weekday since 2020, and economy post (B-post) is meant to arrive within four working days; with
 * a weekend in between that is six calendar days. Seven keeps the
 * presumption on the family's side: a deadline counted from a day too late wrongs nobody, one
 * counted from a day too early may cut a family's complaint off.
 */
export const POST_DAYS = 7;

export function receiptOn(next: DeliveryState, changedOn: string, current: { state: DeliveryState; receivedOn?: string | null }): string | undefined {
  const known = current.receivedOn ?? undefined;
  if (next === 'read') return known !== undefined && known < changedOn ? known : changedOn;
  if (next === 'delivered_digitally') return known ?? changedOn;
  if (next === 'sent_to_print') return current.state === 'sent_to_print' && known ? known : addDaysToDate(changedOn, POST_DAYS);
  return known;
}
