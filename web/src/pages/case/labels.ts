/**
 * Norwegian names of the case's codes and the dates it shows. Pure: the case page and the rule
 * messages share them. The records hold the bokmål (marked with msg()); show them with textOf(),
 * which gives the person's målform.
 */
import type { CaseStatus, ClosureReason, ComplaintAbout, ComplaintOutcome, ConsentScope, ConsenterRole, IndividualPlanStatus } from '../../../../workflows/case/types';
import { msg, t } from '../../i18n';

export const STATUS_TEXT: Record<CaseStatus, string> = {
  awaiting_consent: msg('Venter på samtykke'),
  kartlegging: msg('Kartlegging'),
  awaiting_decision: msg('Venter på avgjørelse'),
  granted: msg('Innvilget, venter på oppnevning'),
  refused: msg('Avslått'),
  complaint_with_statsforvalteren: msg('Klage hos Statsforvalteren'),
  appointed: msg('Barnekoordinator oppnevnt'),
  closed: msg('Avsluttet'),
};

export const CONSENTER_ROLE_TEXT: Record<ConsenterRole, string> = {
  parent: msg('Forelder'),
  guardian: msg('Verge / annen som samtykker for barnet'),
  young_person: msg('Ungdommen selv (fra 16 år)'),
};

export const CONSENT_SCOPE_TEXT: Record<ConsentScope, string> = {
  appointment: msg('Oppnevning av barnekoordinator'),
  information_sharing: msg('Deling av informasjon mellom tjenestene'),
};

export const COMPLAINT_ABOUT_TEXT: Record<ComplaintAbout, string> = {
  refusal: msg('Avslag'),
  change_or_termination: msg('Endring eller opphør'),
  right_not_fulfilled: msg('Retten blir ikke oppfylt'),
};

export const COMPLAINT_STATUS_TEXT: Record<string, string> = {
  received: msg('Mottatt'),
  reversed: msg('Omgjort av koordinerende enhet'),
  forwarded: msg('Sendt til Statsforvalteren'),
  upheld: msg('Stadfestet av Statsforvalteren'),
  overturned: msg('Omgjort av Statsforvalteren'),
};

export const COMPLAINT_OUTCOME_TEXT: Record<ComplaintOutcome, string> = {
  reversed_by_ke: msg('Omgjort av koordinerende enhet'),
  forwarded_to_statsforvalteren: msg('Sendt til Statsforvalteren'),
  upheld_by_statsforvalteren: msg('Stadfestet av Statsforvalteren'),
  overturned_by_statsforvalteren: msg('Omgjort av Statsforvalteren'),
};

export const MEETING_STATUS_TEXT: Record<string, string> = { planned: msg('planlagt'), held: msg('holdt'), cancelled: msg('avlyst') };

export const PLAN_STATUS_TEXT: Record<IndividualPlanStatus, string> = {
  not_started: msg('Ikke startet'),
  in_progress: msg('Under arbeid'),
  active: msg('Aktiv'),
  evaluated: msg('Evaluert'),
};

export const CLOSURE_REASON_TEXT: Record<ClosureReason, string> = {
  age_limit: msg('Aldersgrensen er nådd'),
  consent_withdrawn: msg('Samtykket er trukket tilbake'),
  moved_away: msg('Familien har flyttet'),
  need_ended: msg('Behovet er ikke lenger til stede'),
  child_died: msg('Barnet er død'),
  other: msg('Annet'),
};

export const ALTERNATIVE_TEXT: Record<'coordinated_services' | 'ordinary_coordinator', string> = {
  coordinated_services: msg('Samordnede tjenester (samordningsplikt)'),
  ordinary_coordinator: msg('Alminnelig koordinator (hol § 7-2)'),
};

export const TASK_TEXT: Record<string, string> = {
  inform_family: msg('Informer familien om hvem som tar over'),
  inform_collaborators: msg('Informer samarbeidspartnerne om hvem som tar over'),
};

/** The names of the dates and times commands carry, as a refusal names them. */
export const FIELD_TEXT: Record<string, string> = {
  givenOn: msg('Datoen samtykket ble gitt'),
  on: msg('Datoen'),
  heldOn: msg('Datoen det ble holdt'),
  writtenOn: msg('Datoen referatet ble skrevet'),
  decidedOn: msg('Datoen for avgjørelsen'),
  receivedOn: msg('Datoen klagen ble mottatt'),
  familyLearnedOn: msg('Datoen familien fikk vite om avgjørelsen'),
  appointedOn: msg('Datoen for oppnevningen'),
  doneOn: msg('Datoen oppgaven ble gjort'),
  scheduledAt: msg('Tidspunktet for kartleggingssamtalen'),
  firstMeetingAt: msg('Tidspunktet for det første møtet'),
  at: msg('Tidspunktet for møtet'),
  birthDate: msg('Fødselsdatoen'),
  until: msg('Sluttdatoen'),
};

/** The text of a code in one of the records above, in the person's målform; a code the record lacks as it is. */
export function textOf(record: Record<string, string>, code: string): string {
  return Object.hasOwn(record, code) ? t(record[code]) : code;
}

// The months and "kl." are the same in nynorsk.
const MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];

/** 2026-03-01 -> 1. mars 2026; other text as it is. */
export function dateText(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return date;
  return `${Number(m[3])}. ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

const OSLO_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Oslo date and time of an instant: { date: 'YYYY-MM-DD', time: 'HH:MM' }. */
export function osloParts(instant: string): { date: string; time: string } | undefined {
  const t = Date.parse(instant);
  if (!Number.isFinite(t)) return undefined;
  const parts = Object.fromEntries(OSLO_PARTS.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** An instant as Oslo time: 1. mars 2026 kl. 09.00. */
export function instantText(instant: string): string {
  const p = osloParts(instant);
  return p ? `${dateText(p.date)} kl. ${p.time.replace(':', '.')}` : instant;
}

/** A date or an instant, whichever it is. */
export function whenText(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? dateText(value) : instantText(value);
}

/** Whole years from a birth date to a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Today's date in Oslo. */
export function osloToday(now = new Date()): string {
  return osloParts(now.toISOString())!.date;
}
