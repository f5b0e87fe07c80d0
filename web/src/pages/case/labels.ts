/** Norwegian names of the case's codes and the dates it shows. Pure: the case page and the rule messages share them. */
import type { CaseStatus, ClosureReason, ComplaintAbout, ComplaintOutcome, ConsentScope, ConsenterRole, IndividualPlanStatus } from '../../../../workflows/case/types';

export const STATUS_TEXT: Record<CaseStatus, string> = {
  awaiting_consent: 'Venter på samtykke',
  kartlegging: 'Kartlegging',
  awaiting_decision: 'Venter på avgjørelse',
  granted: 'Innvilget, venter på oppnevning',
  refused: 'Avslått',
  complaint_with_statsforvalteren: 'Klage hos Statsforvalteren',
  appointed: 'Barnekoordinator oppnevnt',
  closed: 'Avsluttet',
};

export const CONSENTER_ROLE_TEXT: Record<ConsenterRole, string> = {
  parent: 'Forelder',
  guardian: 'Verge / annen som samtykker for barnet',
  young_person: 'Ungdommen selv (fra 16 år)',
};

export const CONSENT_SCOPE_TEXT: Record<ConsentScope, string> = {
  appointment: 'Oppnevning av barnekoordinator',
  information_sharing: 'Deling av informasjon mellom tjenestene',
};

export const COMPLAINT_ABOUT_TEXT: Record<ComplaintAbout, string> = {
  refusal: 'Avslag',
  change_or_termination: 'Endring eller opphør',
  right_not_fulfilled: 'Retten blir ikke oppfylt',
};

export const COMPLAINT_STATUS_TEXT: Record<string, string> = {
  received: 'Mottatt',
  reversed: 'Omgjort av koordinerende enhet',
  forwarded: 'Sendt til Statsforvalteren',
  upheld: 'Stadfestet av Statsforvalteren',
  overturned: 'Omgjort av Statsforvalteren',
};

export const COMPLAINT_OUTCOME_TEXT: Record<ComplaintOutcome, string> = {
  reversed_by_ke: 'Omgjort av koordinerende enhet',
  forwarded_to_statsforvalteren: 'Sendt til Statsforvalteren',
  upheld_by_statsforvalteren: 'Stadfestet av Statsforvalteren',
  overturned_by_statsforvalteren: 'Omgjort av Statsforvalteren',
};

export const MEETING_STATUS_TEXT: Record<string, string> = { planned: 'planlagt', held: 'holdt', cancelled: 'avlyst' };

export const PLAN_STATUS_TEXT: Record<IndividualPlanStatus, string> = {
  not_started: 'Ikke startet',
  in_progress: 'Under arbeid',
  active: 'Aktiv',
  evaluated: 'Evaluert',
};

export const CLOSURE_REASON_TEXT: Record<ClosureReason, string> = {
  age_limit: 'Aldersgrensen er nådd',
  consent_withdrawn: 'Samtykket er trukket tilbake',
  moved_away: 'Familien har flyttet',
  need_ended: 'Behovet er ikke lenger til stede',
  child_died: 'Barnet er død',
  other: 'Annet',
};

export const ALTERNATIVE_TEXT: Record<'coordinated_services' | 'ordinary_coordinator', string> = {
  coordinated_services: 'Samordnede tjenester (samordningsplikt)',
  ordinary_coordinator: 'Alminnelig koordinator (hol § 7-2)',
};

export const TASK_TEXT: Record<string, string> = {
  inform_family: 'Informer familien om hvem som tar over',
  inform_collaborators: 'Informer samarbeidspartnerne om hvem som tar over',
};

/** The names of the dates and times commands carry, as a refusal names them. */
export const FIELD_TEXT: Record<string, string> = {
  givenOn: 'Datoen samtykket ble gitt',
  on: 'Datoen',
  heldOn: 'Datoen det ble holdt',
  writtenOn: 'Datoen referatet ble skrevet',
  decidedOn: 'Datoen for avgjørelsen',
  receivedOn: 'Datoen klagen ble mottatt',
  familyLearnedOn: 'Datoen familien fikk vite om avgjørelsen',
  appointedOn: 'Datoen for oppnevningen',
  doneOn: 'Datoen oppgaven ble gjort',
  scheduledAt: 'Tidspunktet for kartleggingssamtalen',
  firstMeetingAt: 'Tidspunktet for det første møtet',
  at: 'Tidspunktet for møtet',
  birthDate: 'Fødselsdatoen',
  until: 'Sluttdatoen',
};

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
