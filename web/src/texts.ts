/** The app's words for the API's codes, in bokmål; shown through t() in the person's målform (web/src/nn/lists.ts). */
import type { DEADLINE_KINDS } from '../../api/schemas';
import { locale, msg, t } from './i18n';

export const STATUS_TEXT: Record<string, string> = {
  awaiting_consent: msg('Venter på samtykke'),
  kartlegging: msg('Kartlegging'),
  awaiting_decision: msg('Venter på avgjørelse'),
  granted: msg('Innvilget'),
  refused: msg('Avslått'),
  complaint_with_statsforvalteren: msg('Klage hos Statsforvalteren'),
  appointed: msg('Barnekoordinator oppnevnt'),
  closed: msg('Avsluttet'),
};

/** A case status's name in the person's målform; a status this build does not know as the API wrote it. */
export const statusText = (status: string) => (STATUS_TEXT[status] ? t(STATUS_TEXT[status]) : status);

/** Every deadline kind the API has: a kind added there without a text here fails typecheck. */
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DEADLINE_TEXT: Record<DeadlineKind, string> = {
  consent: msg('Samtykke'),
  kartlegging: msg('Kartlegging'),
  decision: msg('Skriftlig avgjørelse'),
  appointment: msg('Oppnevning'),
  birth: msg('Registrere fødsel'),
  kick_off: msg('Oppstartsamtale'),
  meeting: msg('Ansvarsgruppemøte'),
  minutes: msg('Referat'),
  plan_evaluation: msg('Evaluering av individuell plan'),
  inform_family: msg('Informere familien'),
  inform_collaborators: msg('Informere samarbeidspartnere'),
  reassignment: msg('Ny koordinator'),
  transition_planning: msg('Planlegge overgang ved 18 år'),
  own_consent: msg('Ungdommens eget samtykke fra 16 år'),
  unrecorded_meeting: msg('Møte som ikke er registrert'),
};

/** Reminders about a letter's delivery (workflows/delivery), which are not deadlines of the case. */
export const LETTER_REMINDER_TEXT: Record<string, string> = {
  letter_by_hand: msg('Brev som skal leveres for hånd'),
  letter_not_delivered: msg('Brev som ikke er levert'),
  letter_failed: msg('Brev som ikke kunne leveres'),
};

/** A deadline or reminder kind's name; a kind this build does not know (a newer API) as the API wrote it. */
export const deadlineText = (kind: string) => {
  const text = (DEADLINE_TEXT as Record<string, string | undefined>)[kind] ?? LETTER_REMINDER_TEXT[kind];
  return text ? t(text) : kind;
};

export const ROLE_TEXT: Record<string, string> = {
  ke: msg('Koordinerende enhet'),
  coordinator: msg('Barnekoordinator'),
  leader: msg('Leder'),
  ops: msg('Drift'),
};

export const roleText = (role: string) => (ROLE_TEXT[role] ? t(ROLE_TEXT[role]) : role);

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
  health: msg('Helse'),
  childhood: msg('Oppvekst'),
  welfare: msg('Velferd'),
  other: msg('Annet'),
};

export const sectorText = (sector: string) => (SECTOR_TEXT[sector] ? t(SECTOR_TEXT[sector]) : sector);

export const REASON_WITHOUT_COORDINATOR: Record<string, string> = {
  not_appointed: msg('Innvilget, ikke oppnevnt'),
  coordinator_absent: msg('Koordinatoren er borte uten stedfortreder'),
};

/** Why a granted case has nobody coordinating it (the worklist's reason code). */
export const reasonWithoutCoordinatorText = (reason: string) => (REASON_WITHOUT_COORDINATOR[reason] ? t(REASON_WITHOUT_COORDINATOR[reason]) : reason);

/** A case named without personal data: the lists and the worklist carry none. */
export const caseRef = (id: string) => t('Sak {{id}}', { id: id.slice(0, 8) });

/** "1 sak", "2 saker". */
export const cases = (n: number) => (n === 1 ? t('1 sak') : t('{{count}} saker', { count: n }));
