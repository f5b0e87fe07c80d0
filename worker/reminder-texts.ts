/**
 * The words of reminders and escalations, in Norwegian bokmål: what is due, by when, what to do,
 * and a link to the case. Pure, so they are tested without a server.
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
}

export interface ReminderText {
  subject: string;
  body: string;
}

interface KindText {
  /** Short title of what is missing, for the subject. */
  title: string;
  /** What the situation is. */
  fact: string;
  /** What the recipient must do. */
  action: string;
  /** What KE must do when the deadline is escalated, when it is not following up on someone else. */
  escalation?: string;
}

const KIND_TEXTS: Record<string, KindText> = {
  consent: {
    title: 'samtykke mangler',
    fact: 'Samtykke fra familien er ikke registrert i saken.',
    action: 'Innhent samtykke fra familien, eller registrer samtykket i saken hvis det er gitt.',
  },
  kartlegging: {
    title: 'kartleggingen er ikke fullført',
    fact: 'Kartleggingssamtalen er ikke holdt og vurdert.',
    action: 'Hold kartleggingssamtalen med familien og registrer vurderingen av de tre vilkårene i saken.',
  },
  decision: {
    title: 'skriftlig avgjørelse mangler',
    fact: 'Kartleggingen er fullført, men det er ikke tatt noen skriftlig avgjørelse.',
    action: 'Ta skriftlig avgjørelse og registrer den i saken, så går brevet til familien.',
  },
  appointment: {
    title: 'barnekoordinator er ikke oppnevnt',
    fact: 'Familien har rett til barnekoordinator, men tjenestested og barnekoordinator er ikke oppnevnt.',
    action: 'Oppnevn tjenestested og barnekoordinator i saken.',
  },
  kick_off: {
    title: 'oppstartsamtalen er ikke holdt',
    fact: 'Oppstartsamtalen med familien er ikke registrert.',
    action: 'Hold oppstartsamtalen med familien og registrer den i saken.',
  },
  meeting: {
    title: 'ansvarsgruppemøte',
    fact: 'Det er planlagt et ansvarsgruppemøte i saken.',
    action: 'Send innkalling til deltakerne og forbered møtet. Flytt eller avlys møtet i saken hvis tidspunktet ikke passer.',
  },
  unrecorded_meeting: {
    title: 'ansvarsgruppemøtet er ikke registrert',
    fact: 'Tidspunktet for et planlagt ansvarsgruppemøte er passert, men møtet er ikke registrert som holdt, flyttet eller avlyst.',
    action: 'Registrer at møtet er holdt og skriv referatet, eller flytt eller avlys møtet i saken.',
  },
  minutes: {
    title: 'referat mangler',
    fact: 'Referatet fra ansvarsgruppemøtet er ikke registrert.',
    action: 'Skriv referatet fra møtet og registrer det i saken.',
  },
  plan_evaluation: {
    title: 'individuell plan skal evalueres',
    fact: 'Den individuelle planen skal evalueres.',
    action: 'Evaluer planen sammen med familien og registrer evalueringen i saken.',
  },
  inform_family: {
    title: 'familien er ikke informert om fraværet',
    fact: 'Familien har ikke fått beskjed om at barnekoordinatoren er borte, og hvem de kan kontakte.',
    action: 'Gi familien beskjed, og marker oppgaven som utført i saken.',
  },
  inform_collaborators: {
    title: 'samarbeidspartnerne er ikke informert',
    fact: 'Samarbeidspartnerne har ikke fått beskjed om hvem som er barnekoordinator nå.',
    action: 'Gi samarbeidspartnerne beskjed, og marker oppgaven som utført i saken.',
  },
  reassignment: {
    title: 'ny barnekoordinator er ikke oppnevnt',
    fact: 'Saken har ingen barnekoordinator etter et fravær eller en fratreden.',
    action: 'Oppnevn ny barnekoordinator i saken.',
    escalation: 'Oppnevn ny barnekoordinator i saken, så familien har en barnekoordinator igjen.',
  },
  letter_by_hand: {
    title: 'brevet skal sendes for hånd',
    fact: 'Et brev til familien blir ikke sendt fra systemet (SvarUt er ikke satt opp, eller adressen mangler).',
    action: 'Skriv ut brevet og gi det til familien eller send det med post, og registrer i saken når og hvordan det ble levert.',
  },
  letter_not_delivered: {
    title: 'brevet er ikke levert',
    fact: 'Et brev til familien er sendt gjennom SvarUt, men er ikke levert.',
    action: 'Se hvor brevet står i saken.',
    escalation: 'Se hvor brevet står i saken. Lever brevet til familien på annen måte og registrer i saken når og hvordan det ble levert.',
  },
  letter_failed: {
    title: 'brevet kunne ikke leveres',
    fact: 'SvarUt kunne ikke levere et brev til familien.',
    action: 'Lever brevet til familien på annen måte.',
    escalation: 'Skriv ut brevet og gi det til familien eller send det med post, og registrer i saken når og hvordan det ble levert.',
  },
};

const GENERAL: KindText = {
  title: 'frist i saken',
  fact: 'En frist i saken er nådd.',
  action: 'Åpne saken og følg opp fristen.',
};

const osloClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "1. mars 2026", the Oslo calendar date of an instant. */
export function dueDateText(dueAt: string | Date): string {
  return norwegianDate(osloDateOf(dueAt));
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

const FOOTER = [
  'Meldingen inneholder ingen opplysninger om barnet eller familien; dem finner du i saken.',
  'Dette er en automatisk melding fra Barnekoordinator og kan ikke besvares.',
].join('\n');

/** For deadlines whose date would reveal a birth, a pregnancy or a birthday: no kind, no date. */
export const GENERIC_TEXT = {
  reminderSubject: 'Påminnelse: en frist i saken må følges opp',
  escalationSubject: 'Eskalering: en frist i saken må følges opp',
  fact: 'En frist i saken må følges opp. Hva fristen gjelder og når den er, ser du i saken.',
  escalation: 'Følg opp saken med den som er ansvarlig.',
} as const;

function genericText(input: ReminderTextInput): ReminderText {
  const link = caseLink(input.publicBaseUrl, input.caseId);
  if (input.level === 'escalation') {
    return {
      subject: GENERIC_TEXT.escalationSubject,
      body: [
        'Eskalering til koordinerende enhet',
        '',
        GENERIC_TEXT.fact,
        '',
        `Hva koordinerende enhet må gjøre: ${GENERIC_TEXT.escalation}`,
        '',
        `Åpne saken: ${link}`,
        '',
        FOOTER,
      ].join('\n'),
    };
  }
  return { subject: GENERIC_TEXT.reminderSubject, body: ['Påminnelse', '', GENERIC_TEXT.fact, '', `Åpne saken: ${link}`, '', FOOTER].join('\n') };
}

export function reminderText(input: ReminderTextInput): ReminderText {
  if (revealsBirth(input.kind)) return genericText(input);
  const t = KIND_TEXTS[input.kind] ?? GENERAL;
  const date = dueDateText(input.dueAt);
  const link = caseLink(input.publicBaseUrl, input.caseId);

  if (input.level === 'escalation') {
    return {
      subject: `Eskalering: ${t.title} – fristen ${date} er oversittet`,
      body: [
        'Eskalering til koordinerende enhet',
        '',
        `${t.fact} Fristen var ${date}, og den er oversittet.`,
        '',
        `Hva koordinerende enhet må gjøre: ${t.escalation ?? `Følg opp saken med den som er ansvarlig, slik at dette blir gjort: ${t.action}`}`,
        '',
        `Åpne saken: ${link}`,
        '',
        FOOTER,
      ].join('\n'),
    };
  }

  if (input.kind === 'meeting') {
    const when = `${date} kl. ${osloTimeText(input.dueAt)}`;
    return {
      subject: `Påminnelse: ansvarsgruppemøte ${when}`,
      body: ['Påminnelse', '', `${t.fact} Møtet er ${when}.`, '', `Hva du må gjøre før møtet: ${t.action}`, '', `Åpne saken: ${link}`, '', FOOTER].join('\n'),
    };
  }

  return {
    subject: `Påminnelse: ${t.title} – frist ${date}`,
    body: [
      'Påminnelse',
      '',
      `${t.fact} Fristen er ${date}.`,
      '',
      `Hva du må gjøre innen ${date}: ${t.action}`,
      '',
      `Åpne saken: ${link}`,
      '',
      FOOTER,
    ].join('\n'),
  };
}
