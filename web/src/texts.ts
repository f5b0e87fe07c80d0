/** The app's words for the API's codes, in bokmål (nynorsk comes later, from this one place). */
import type { DEADLINE_KINDS } from '../../api/schemas';
import { locale } from './i18n';

export const STATUS_TEXT: Record<string, string> = {
  awaiting_consent: 'Venter på samtykke',
  kartlegging: 'Kartlegging',
  awaiting_decision: 'Venter på avgjørelse',
  granted: 'Innvilget',
  refused: 'Avslått',
  complaint_with_statsforvalteren: 'Klage hos Statsforvalteren',
  appointed: 'Barnekoordinator oppnevnt',
  closed: 'Avsluttet',
};

export const statusText = (status: string) => STATUS_TEXT[status] ?? status;

/** Every deadline kind the API has: a kind added there without a text here fails typecheck. */
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DEADLINE_TEXT: Record<DeadlineKind, string> = {
  consent: 'Samtykke',
  kartlegging: 'Kartlegging',
  decision: 'Skriftlig avgjørelse',
  appointment: 'Oppnevning',
  birth: 'Registrere fødsel',
  kick_off: 'Oppstartsamtale',
  meeting: 'Ansvarsgruppemøte',
  minutes: 'Referat',
  plan_evaluation: 'Evaluering av individuell plan',
  inform_family: 'Informere familien',
  inform_collaborators: 'Informere samarbeidspartnere',
  reassignment: 'Ny koordinator',
  transition_planning: 'Planlegge overgang ved 18 år',
  own_consent: 'Ungdommens eget samtykke fra 16 år',
  unrecorded_meeting: 'Møte som ikke er registrert',
};

/** Reminders about a letter's delivery (workflows/delivery), which are not deadlines of the case. */
export const LETTER_REMINDER_TEXT: Record<string, string> = {
  letter_by_hand: 'Brev som skal leveres for hånd',
  letter_not_delivered: 'Brev som ikke er levert',
  letter_failed: 'Brev som ikke kunne leveres',
};

/** A deadline or reminder kind's name; a kind this build does not know (a newer API) as the API wrote it. */
export const deadlineText = (kind: string) => (DEADLINE_TEXT as Record<string, string | undefined>)[kind] ?? LETTER_REMINDER_TEXT[kind] ?? kind;

export const ROLE_TEXT: Record<string, string> = {
  ke: 'Koordinerende enhet',
  coordinator: 'Barnekoordinator',
  leader: 'Leder',
  ops: 'Drift',
};

const formats = new Map<string, Intl.DateTimeFormat>();
/** Intl's formatter in the app's målform (nb-NO or nn-NO), made once per form. */
function formatter(withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale()}${withTime ? ' time' : ''}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric', ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}), timeZone: 'Europe/Oslo' });
    formats.set(key, found);
  }
  return found;
}

/** A date (YYYY-MM-DD) or a timestamp as a Norwegian date. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return Number.isNaN(date.getTime()) ? value : formatter(false).format(date);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : formatter(true).format(date);
}

export const SECTOR_TEXT: Record<string, string> = {
  health: 'Helse',
  childhood: 'Oppvekst',
  welfare: 'Velferd',
  other: 'Annet',
};

export const REASON_WITHOUT_COORDINATOR: Record<string, string> = {
  not_appointed: 'Innvilget, ikke oppnevnt',
  coordinator_absent: 'Koordinatoren er borte uten stedfortreder',
};

/** A case named without personal data: the lists and the worklist carry none. */
export const caseRef = (id: string) => `Sak ${id.slice(0, 8)}`;

/** "1 sak", "2 saker". */
export const cases = (n: number) => `${n} ${n === 1 ? 'sak' : 'saker'}`;
