/** Request bodies with made-up people, valid unless a test changes them. */
import { addDaysToDate, isValidDate, osloDateOf } from '../../workflows/case/dates';

/**
 * The calendar day the service counts as today: the date in Europe/Oslo, as the workflows do.
 * The UTC date is a day behind between midnight in Oslo and midnight UTC.
 */
export const today = (at: Date = new Date()) => osloDateOf(at);

/** The Oslo calendar date `days` days after today (negative: before). */
export const dateFromNow = (days: number, from: Date = new Date()) => addDaysToDate(today(from), days);

/**
 * The birth date of someone who turns `years` today (Oslo): the same day and month `years` back.
 * On 29 February the year back may have no such day: then 28 February, a day older, and still
 * `years` old today. No clamping of other days: a child born "18 years ago" on the 30th turns
 * 18 on the 30th, whatever day the suite runs.
 */
export function yearsAgo(years: number, from = new Date()): string {
  const [y, m, d] = today(from).split('-').map(Number);
  const date = `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isValidDate(date) ? date : `${String(y - years).padStart(4, '0')}-02-28`;
}

export function caseRequest(overrides: Record<string, unknown> = {}) {
  return {
    child: { name: 'Nora Testbarn', nationalId: '01020312345', birthDate: yearsAgo(7) },
    consenters: [{ name: 'Per Testforelder', role: 'parent' }],
    channel: 'written',
    reasons: 'Familien har mange tjenester som ikke henger sammen.',
    receivedOn: today(),
    ...overrides,
  };
}

export const allMet = {
  childUnder18OrExpected: { met: true, text: 'Barnet er 7 år.' },
  seriousCondition: { met: true, text: 'Alvorlig nedsatt funksjonsevne.' },
  longTermCoordinatedNeeds: { met: true, text: 'Behov for helse- og omsorgstjenester og PPT over lang tid.' },
};

export const interview = { heldOn: today(), participants: ['Per Testforelder', 'KE-rådgiver'], childParticipated: true };
