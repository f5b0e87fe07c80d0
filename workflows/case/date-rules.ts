/**
 * The checks every rule holds a date to against the case, with a refusal that names the field
 * and the date it contradicts. "Today" is the Oslo date of the command's time (ctx.at, the
 * workflow clock), never the machine's clock. Pure, like state.ts.
 */
import { addMonths, osloDateOf } from './dates';
import { PLANNING_HORIZON_MONTHS } from './date-range';
import { refuse, type TransitionResult } from './kit';

/** A date the checked one must not precede, and what it is. */
export interface NotBefore {
  date: string;
  what: string;
}

/**
 * Why a date of something that has happened (held, written, given, received, decided, born,
 * done) cannot be: after today in Oslo, or before what it must follow. Undefined if it can.
 */
export function happenedRefusal(field: string, date: string, at: string, notBefore: (NotBefore | undefined)[] = []): string | undefined {
  const today = osloDateOf(at);
  if (date > today) return `${field} ${date} is after today (${today}): it can be recorded once it has happened`;
  for (const bound of notBefore) {
    if (bound && date < bound.date) return `${field} ${date} is before ${bound.what} (${bound.date})`;
  }
  return undefined;
}

export function happened(field: string, date: string, at: string, notBefore: (NotBefore | undefined)[] = []): TransitionResult | undefined {
  const message = happenedRefusal(field, date, at, notBefore);
  return message === undefined ? undefined : refuse(message);
}

/**
 * A planned time (a meeting, the kartleggingssamtale): not before `notBefore` (an instant) and
 * at most PLANNING_HORIZON_MONTHS after the command.
 */
export function planned(field: string, instant: string, at: string, notBefore: { instant: string; what: string }): TransitionResult | undefined {
  const t = Date.parse(instant);
  const latest = addMonths(new Date(at).toISOString(), PLANNING_HORIZON_MONTHS);
  if (!Number.isFinite(t)) return refuse(`${field} ${instant} is not a time`);
  if (t > Date.parse(latest)) return refuse(`${field} ${instant} is more than ${PLANNING_HORIZON_MONTHS} months ahead (after ${latest}): plan it nearer the time`);
  if (t < Date.parse(notBefore.instant)) return refuse(`${field} ${instant} is before ${notBefore.what} (${notBefore.instant})`);
  return undefined;
}
