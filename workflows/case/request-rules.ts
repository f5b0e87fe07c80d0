/**
 * What a request must satisfy to be registered: its dates against each other and against the
 * time of registration (the workflow's clock). Pure, like state.ts.
 */
import { ageOn, osloDateOf } from './dates';
import { REGISTRATION_AFTER_RECEIPT_DAYS, TERMIN_AFTER_REQUEST_DAYS, TERMIN_BEFORE_REQUEST_DAYS, daysAfter, daysBefore } from './date-range';
import { MAX_EXTENDED_AGE } from './law';
import type { CaseRequest } from './types';

/**
 * Why KE cannot register this request at `at` (the workflow's time), or undefined: a request
 * is registered after it was received and within a year of it; a born child was born by today
 * and is not past the oldest age a case can last to; an unborn child's termin fits a pregnancy
 * that was under way when the request came.
 */
export function requestRefusal(request: CaseRequest, at: string): string | undefined {
  const { receivedOn, child } = request;
  const today = osloDateOf(at);
  if (receivedOn > today) return `receivedOn ${receivedOn} is after the day the request is registered (${today}): a request is registered once it has been received`;
  const earliest = daysBefore(today, REGISTRATION_AFTER_RECEIPT_DAYS);
  if (receivedOn < earliest) return `receivedOn ${receivedOn} is more than a year before the request is registered (${today}): it cannot be this request`;
  if (child.birthDate) {
    if (child.birthDate > today) return `child.birthDate ${child.birthDate} is after today (${today}): an unborn child is registered with its termin as expectedDate`;
    const latestBirth = daysAfter(receivedOn, TERMIN_AFTER_REQUEST_DAYS);
    if (child.birthDate > latestBirth) {
      return `child.birthDate ${child.birthDate} is more than ${TERMIN_AFTER_REQUEST_DAYS} days after the request was received (${receivedOn}): the family cannot have asked for this child`;
    }
    const age = ageOn(child.birthDate, receivedOn);
    if (age >= MAX_EXTENDED_AGE) {
      return `child.birthDate ${child.birthDate} makes the child ${age} when the request was received (${receivedOn}): a barnekoordinator lasts until 18 and can be continued at most to ${MAX_EXTENDED_AGE} (hol § 7-2 a); an alminnelig koordinator (hol § 7-2) has no age limit`;
    }
  } else if (child.expectedDate) {
    if (child.expectedDate < daysBefore(receivedOn, TERMIN_BEFORE_REQUEST_DAYS)) {
      return `child.expectedDate ${child.expectedDate} is more than ${TERMIN_BEFORE_REQUEST_DAYS / 7} weeks before the request was received (${receivedOn}): the child is born by then; register it with birthDate`;
    }
    if (child.expectedDate > daysAfter(receivedOn, TERMIN_AFTER_REQUEST_DAYS)) {
      return `child.expectedDate ${child.expectedDate} is more than ${TERMIN_AFTER_REQUEST_DAYS} days after the request was received (${receivedOn}): a pregnancy lasts about 280 days`;
    }
  }
  return undefined;
}
