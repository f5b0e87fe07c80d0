/** Request bodies with made-up people, valid unless a test changes them. */
import { addDaysToDate, osloDateOf } from '../../workflows/case/dates';

/**
 * The calendar day the service counts as today: the date in Europe/Oslo, as the workflows do.
 * The UTC date is a day behind between midnight in Oslo and midnight UTC.
 */
export const today = (at: Date = new Date()) => osloDateOf(at);

/** The Oslo calendar date `days` days after today (negative: before). */
export const dateFromNow = (days: number) => addDaysToDate(today(), days);

/** The same Oslo day and month `years` years back, the day clamped to 28 so February always has it. */
export function yearsAgo(years: number, from = new Date()): string {
  const [y, m, d] = today(from).split('-').map(Number);
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`;
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
