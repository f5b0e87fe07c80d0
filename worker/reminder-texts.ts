/**
 * The words of reminders and escalations, in bokmål or nynorsk from the catalogues (lib/i18n):
 * what is due, by when, what to do, and a link to the case. Pure, so they are tested without a
 * server. The dispatcher writes them in the målform of the case's municipality, whose staff
 * the recipients are.
 *
 * No personal data goes into them: the outbox row carries only the case id, the kind of
 * deadline, the level, the recipient role and the due time — no name, no birth date, no health
 * detail — and these texts use nothing else. E-mail travels outside the case system; whoever
 * reads it follows the link and logs in to see the case.
 *
 * Deadlines whose date comes from the child's birth date or the termin (revealsBirth: the birth
 * of an unborn child, the transition before the right ends at 18) get one generic text with
 * neither the kind nor the date: "the birth is not registered – due 15 May" tells a pregnancy and
 * roughly when, "plan the transition – due 14 September" the child's birthday.
 */
import { norwegianDate } from '../activities/letters/text';
import { textsFor, type Malform } from '../lib/i18n';
import { nb } from '../lib/i18n/nb';
import { osloDateOf } from '../workflows/case/dates';
import { revealsBirth } from '../workflows/case/deadlines';

export type AlertLevel = 'reminder' | 'escalation';

export interface ReminderTextInput {
  caseId: string;
  level: AlertLevel;
  /** The deadline kind (workflows/case/deadlines.ts); an unknown kind gets a general text. */
  kind: string;
  /** When the deadline falls (for a meeting: when the meeting starts). */
  dueAt: string | Date;
  /** Base of the link, e.g. https://barnekoordinator.kommune.no */
  publicBaseUrl: string;
  /** The målform of the recipients' municipality; bokmål without it. */
  malform?: Malform;
  /** The municipality whose KE the message is from, named above the footer; none without it. */
  municipalityName?: string;
}

export interface ReminderText {
  subject: string;
  body: string;
}

/** The deadline kinds with texts of their own; any other gets the general one. */
const KINDS = new Set(Object.keys(nb.reminder.kind).filter((k) => k !== 'general'));

const osloClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "1. mars 2026", the Oslo calendar date of an instant. */
export function dueDateText(dueAt: string | Date, malform: Malform = 'nb'): string {
  return norwegianDate(osloDateOf(dueAt), malform);
}

/** "09.00", the Oslo wall-clock time of an instant, written the Norwegian way. */
export function osloTimeText(at: string | Date): string {
  const parts = osloClock.formatToParts(typeof at === 'string' ? new Date(at) : at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('hour')}.${part('minute')}`;
}

export function caseLink(publicBaseUrl: string, caseId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/cases/${encodeURIComponent(caseId)}`;
}

/** For deadlines whose date would reveal a birth, a pregnancy or a birthday: no kind, no date (in bokmål). */
export const GENERIC_TEXT = nb.reminder.generic;

/** The message's lines: heading, what, what to do, the link, and the footer with the sender. */
function message(input: ReminderTextInput, heading: string, ...paragraphs: string[]): string {
  const t = textsFor(input.malform ?? 'nb');
  return [
    heading,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    t('reminder.open', { link: caseLink(input.publicBaseUrl, input.caseId) }),
    '',
    ...(input.municipalityName ? [t('reminder.sender', { name: input.municipalityName }), ''] : []),
    t('reminder.footer'),
    t('reminder.automatic'),
  ].join('\n');
}

function genericText(input: ReminderTextInput): ReminderText {
  const t = textsFor(input.malform ?? 'nb');
  if (input.level === 'escalation') {
    return {
      subject: t('reminder.generic.escalationSubject'),
      body: message(input, t('reminder.escalationHeading'), t('reminder.generic.fact'), t('reminder.escalationAction', { action: t('reminder.generic.escalation') })),
    };
  }
  return { subject: t('reminder.generic.reminderSubject'), body: message(input, t('reminder.reminderHeading'), t('reminder.generic.fact')) };
}

export function reminderText(input: ReminderTextInput): ReminderText {
  if (revealsBirth(input.kind)) return genericText(input);
  const malform = input.malform ?? 'nb';
  const t = textsFor(malform);
  const kind = KINDS.has(input.kind) ? input.kind : 'general';
  const k = (part: 'title' | 'fact' | 'action' | 'escalation') => t(`reminder.kind.${kind}.${part}`);
  const date = dueDateText(input.dueAt, malform);

  if (input.level === 'escalation') {
    // A kind with a task for KE of its own (reassignment) says it; the others: follow up on who is responsible.
    const whatKeDoes = 'escalation' in nb.reminder.kind[kind as keyof typeof nb.reminder.kind] ? k('escalation') : t('reminder.escalationFollowUp', { action: k('action') });
    return {
      subject: t('reminder.escalationSubject', { title: k('title'), date }),
      body: message(input, t('reminder.escalationHeading'), t('reminder.escalationFact', { fact: k('fact'), date }), t('reminder.escalationAction', { action: whatKeDoes })),
    };
  }

  if (input.kind === 'meeting') {
    const when = t('reminder.meetingWhen', { date, time: osloTimeText(input.dueAt) });
    return {
      subject: t('reminder.meetingSubject', { when }),
      body: message(input, t('reminder.reminderHeading'), t('reminder.meetingFact', { fact: k('fact'), when }), t('reminder.meetingAction', { action: k('action') })),
    };
  }

  return {
    subject: t('reminder.subject', { title: k('title'), date }),
    body: message(input, t('reminder.reminderHeading'), t('reminder.fact', { fact: k('fact'), date }), t('reminder.action', { date, action: k('action') })),
  };
}
