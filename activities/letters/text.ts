/**
 * The texts of letters to the family, in bokmål or nynorsk from the catalogues (lib/i18n). Pure:
 * from the facts of a decision to a title and paragraphs; html.ts and pdf.ts only lay them out.
 */
import type {
  AbsenceLetterFacts,
  AppointmentLetterFacts,
  ClosureLetterFacts,
  ComplaintLetterFacts,
  DecisionLetterFacts,
  LetterFacts,
} from '../../workflows/case/letter-facts';
import type { Assessment, ComplaintAbout } from '../../workflows/case/types';
import { textsFor, type Malform } from '../../lib/i18n';

export type { Malform };

export interface Municipality {
  name: string;
  keAddress: string;
  /** KE's e-mail and telephone, where the deployment gives them (KE_EMAIL, KE_PHONE). */
  keEmail?: string;
  kePhone?: string;
  /** Where complaints are sent, from the register; absent or KE's address: to KE. */
  complaintAddress?: string;
  /** The name at the head of the letter, from the register; absent: none. */
  letterheadName?: string;
  /** The municipality's målform, for its cases whose family has not chosen the other. */
  malform?: Malform;
}

export interface LetterSection {
  heading?: string;
  text: string;
}

/** A section as drafted: KE's and Statsforvalteren's own words are kept verbatim, whoever the letter is to. */
type Draft = LetterSection & { verbatim?: boolean };

/** From "dere" (nn "de", "dykk", "dykkar") to "du": the objects and possessives first, then the subject. */
const TO_ONE: Record<Malform, [RegExp, string][]> = {
  nb: [
    [/\b(gitt|gir|gi|hjelper|sender|til|for|med) dere\b/g, '$1 deg'],
    [/\b([Kk]lagen|barnekoordinatoren) deres\b/g, '$1 din'],
    [/\btjenestene deres\b/g, 'tjenestene dine'],
    [/\bDere\b/g, 'Du'],
    [/\bdere\b/g, 'du'],
  ],
  nn: [
    [/\bdykk\b/g, 'deg'],
    [/\b([Kk]laga) dykkar\b/g, '$1 di'],
    [/\bbarnekoordinatoren dykkar\b/g, 'barnekoordinatoren din'],
    [/\btenestene dykkar\b/g, 'tenestene dine'],
    [/\bDe\b/g, 'Du'],
    [/\bde\b/g, 'du'],
  ],
};

export function toOne(text: string, malform: Malform = 'nb'): string {
  return TO_ONE[malform].reduce((t, [pattern, to]) => t.replace(pattern, to), text);
}

/**
 * The letter in the voice of its addressees (rule law-letters-to-whom): the family as "dere", the
 * young person written to alone as "du". Verbatim sections are left as written.
 */
function voiced(
  facts: { youngPersonAddressed?: boolean },
  malform: Malform,
  letter: Omit<LetterBody, 'sections' | 'malform'> & { sections: Draft[] },
): LetterBody {
  const one = facts.youngPersonAddressed === true;
  const turn = (t: string) => (one ? toOne(t, malform) : t);
  const sections = letter.sections.map(({ verbatim, heading, text }) => ({
    ...(heading !== undefined ? { heading: turn(heading) } : {}),
    text: verbatim ? text : turn(text),
  }));
  return { ...letter, title: turn(letter.title), sections, ...(malform !== 'nb' ? { malform } : {}) };
}

export interface LetterBody {
  title: string;
  date: string;
  to: string[];
  /** Who gets a copy (the parents, where the young person agreed); absent in letters written before. */
  copyTo?: string[];
  /** The case's reference (saksnummer); absent in letters written before issue #14. */
  reference?: string;
  sections: LetterSection[];
  signature: string;
  /** The målform the letter is written in; absent: bokmål (and every letter written before issue #16). */
  malform?: Malform;
  /** The name at the head of the letter, from the municipality register; absent in letters written before issue #16. */
  letterhead?: string;
}

/**
 * 2025-03-01 -> 1. mars 2025 (the month names are the same in nynorsk). Total: any year (also
 * ISO 8601 expanded, +010000-01-01), and text that is no calendar date is written as it is
 * rather than as "undefined. januar".
 */
export function norwegianDate(date: string, malform: Malform = 'nb'): string {
  const match = /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  if (!match || m < 1 || m > 12 || d < 1 || d > 31) return date;
  const t = textsFor(malform);
  return t('date.long', { day: d, month: t(`date.month.m${m}`), year: y });
}

/** The words of a målform, with dates in it. */
function wordsOf(malform: Malform) {
  const t = textsFor(malform);
  const date = (d: string) => norwegianDate(d, malform);
  const child = (facts: { childName: string; expectedDate?: string }) =>
    facts.expectedDate ? t('letter.childWithTermin', { date: date(facts.expectedDate) }) : facts.childName;
  return { t, date, child };
}

/** How to reach KE: the postal address, and e-mail and telephone where given. */
export function keContact(municipality: Municipality, malform: Malform = 'nb'): string {
  const t = textsFor(malform);
  return [
    municipality.keAddress,
    municipality.keEmail && t('letter.contact.email', { email: municipality.keEmail }),
    municipality.kePhone && t('letter.contact.phone', { phone: municipality.kePhone }),
  ]
    .filter(Boolean)
    .join(', ');
}

/** Every letter ends with whom to contact: the caseworker, KE and the case's reference. */
function contactSection(facts: { caseId: string; caseworkerName?: string }, municipality: Municipality, malform: Malform, lead = ''): LetterSection {
  const t = textsFor(malform);
  return {
    heading: t('letter.contact.heading'),
    text:
      lead +
      (facts.caseworkerName ? t('letter.contact.caseworker', { name: facts.caseworkerName }) : '') +
      t('letter.contact.reach', { contact: keContact(municipality, malform) }) +
      t('letter.contact.reference', { caseId: facts.caseId }),
  };
}

/** The parts every letter shares: addressees, copy, reference and signature. */
function frame(facts: { caseId: string; addressees: string[]; copyTo?: string[] }, municipality: Municipality, malform: Malform) {
  return {
    to: facts.addressees,
    ...(facts.copyTo && facts.copyTo.length > 0 ? { copyTo: facts.copyTo } : {}),
    reference: facts.caseId,
    signature: textsFor(malform)('letter.signature', { name: municipality.name }),
    ...(municipality.letterheadName ? { letterhead: municipality.letterheadName } : {}),
  };
}

/**
 * Where a complaint is sent: to KE, which decided (fvl § 32), or where the register says; and
 * that it should be in writing, with KE's help (fvl § 11).
 */
function complaintTo(municipality: Municipality, malform: Malform): string {
  const t = textsFor(malform);
  const address = municipality.complaintAddress ?? municipality.keAddress;
  return t(address === municipality.keAddress ? 'letter.complaint.sendToKe' : 'letter.complaint.sendTo', { address }) + t('letter.complaint.form');
}

/** The deadline of a complaint: four weeks from when the family learned of the decision. */
function complaintDeadline(malform: Malform, deadline: string, received: string): string {
  const { t, date } = wordsOf(malform);
  return t('letter.complaint.deadline', { deadline: date(deadline), received: date(received) });
}

const CONDITIONS: (keyof Assessment)[] = ['childUnder18OrExpected', 'seriousCondition', 'longTermCoordinatedNeeds'];

/** KE's assessment of each of the three conditions (pbrl § 2-5 c), as recorded in the kartlegging. */
function assessmentSections(assessment: Assessment, malform: Malform): Draft[] {
  const t = textsFor(malform);
  return CONDITIONS.map((key) => ({
    heading: t(`letter.condition.${key}`),
    text: t(assessment[key].met ? 'letter.condition.met' : 'letter.condition.notMet', { text: assessment[key].text }),
    verbatim: true,
  }));
}

type Alternative = DecisionLetterFacts['offeredInstead'][number];
const alternatives = (malform: Malform, offered: readonly Alternative[]) => offered.map((a) => textsFor(malform)(`letter.alternative.${a}`)).join(' ');

export function decisionLetter(facts: DecisionLetterFacts, municipality: Municipality, malform: Malform = 'nb'): LetterBody {
  const { t, date } = wordsOf(malform);
  const granted = facts.outcome === 'granted';
  const child = wordsOf(malform).child(facts);
  const sections: Draft[] = [];
  if (facts.kind === 'complaint_reversal') {
    sections.push({ text: t('letter.decision.reversal', { child }) });
  } else {
    const intro = facts.kartleggingHeld === false ? 'letter.decision.intro' : 'letter.decision.introWithKartlegging';
    sections.push({ text: t(intro, { child, receivedOn: date(facts.receivedOn) }) });
  }
  sections.push({ heading: t('letter.decision.heading'), text: t(granted ? 'letter.decision.granted' : 'letter.decision.refused') });
  sections.push({ heading: t('letter.decision.reasons'), text: facts.reasons, verbatim: true });
  if (!granted && facts.assessment) sections.push(...assessmentSections(facts.assessment, malform));
  if (!granted && facts.offeredInstead.length > 0) {
    sections.push({ heading: t('letter.decision.offered'), text: alternatives(malform, facts.offeredInstead) });
  }
  sections.push({
    heading: t('letter.decision.complaintHeading'),
    text:
      t('letter.decision.complaintRight') +
      (granted ? t('letter.decision.complaintAlso') : '') +
      complaintDeadline(malform, facts.complaintDeadline, facts.decidedOn) +
      complaintTo(municipality, malform) +
      ' ' +
      t('letter.decision.review'),
  });
  sections.push(contactSection(facts, municipality, malform, t('letter.contact.questions')));
  return voiced(facts, malform, {
    title: t(facts.kind === 'complaint_reversal' ? 'letter.decision.titleReversal' : 'letter.decision.title'),
    date: facts.decidedOn,
    sections,
    ...frame(facts, municipality, malform),
  });
}

export function closureLetter(facts: ClosureLetterFacts, municipality: Municipality, malform: Malform = 'nb'): LetterBody {
  const { t, date, child } = wordsOf(malform);
  const sections: Draft[] = [
    { text: t('letter.closure.intro', { child: child(facts), closedOn: date(facts.closedOn) }) },
    { heading: t('letter.decision.reasons'), text: [t(`letter.closure.reason.${facts.reason}`), facts.note].filter(Boolean).join(' '), verbatim: true },
  ];
  if (facts.reason === 'age_limit') {
    sections.push({ heading: t('letter.closure.followUpHeading'), text: t('letter.closure.followUp') });
  }
  if (facts.reason !== 'child_died') {
    sections.push({
      heading: t('letter.decision.complaintHeading'),
      text:
        t('letter.closure.complaintRight') +
        complaintDeadline(malform, facts.complaintDeadline, facts.closedOn) +
        complaintTo(municipality, malform) +
        ' ' +
        t('letter.closure.forward'),
    });
  }
  sections.push(contactSection(facts, municipality, malform));
  return voiced(facts, malform, { title: t('letter.closure.title'), date: facts.closedOn, sections, ...frame(facts, municipality, malform) });
}

/** Who the coordinator is, from the registry when the letter is written. */
export interface CoordinatorContact {
  name: string;
  email: string;
  unitName: string;
}

/** The complaint right that goes on while a coordinator is appointed or away: that the right is not fulfilled. */
const rightNotFulfilled = (malform: Malform) => {
  const t = textsFor(malform);
  return t('letter.complaint.rightNotFulfilled') + t('letter.complaint.form');
};

export function appointmentLetter(facts: AppointmentLetterFacts, municipality: Municipality, who: CoordinatorContact, malform: Malform = 'nb'): LetterBody {
  const { t, date } = wordsOf(malform);
  const child = wordsOf(malform).child(facts);
  const change = facts.kind === 'coordinator_change';
  return voiced(facts, malform, {
    title: t(change ? 'letter.appointment.titleChange' : 'letter.appointment.title'),
    date: facts.appointedOn,
    ...frame(facts, municipality, malform),
    sections: [
      { text: t(change ? 'letter.appointment.introChange' : 'letter.appointment.intro', { child, on: date(facts.appointedOn) }) },
      { heading: t('letter.appointment.coordinatorHeading'), text: t('letter.appointment.coordinator', { name: who.name, unit: who.unitName, email: who.email }) },
      { heading: t('letter.appointment.whatHeading'), text: t('letter.appointment.what') },
      {
        heading: t('letter.appointment.questionsHeading'),
        text: t('letter.appointment.questions', { address: municipality.keAddress }) + rightNotFulfilled(malform),
      },
      contactSection(facts, municipality, malform),
    ],
  });
}

/**
 * Rule law-absence-letters: the coordinator's leave or departure, and the return from leave. The
 * family learns who holds the case meanwhile: the substitute, or KE until a new coordinator is
 * appointed (of whom they get the coordinator_change letter).
 */
export function absenceLetter(
  facts: AbsenceLetterFacts,
  municipality: Municipality,
  who: { coordinator?: CoordinatorContact; substitute?: CoordinatorContact },
  malform: Malform = 'nb',
): LetterBody {
  const { t, date } = wordsOf(malform);
  const child = wordsOf(malform).child(facts);
  const { coordinator, substitute } = who;
  const named = coordinator ? `${coordinator.name}, ${coordinator.unitName}` : t('letter.absence.theCoordinator');
  const absence = facts.absence;
  const sections: Draft[] = [];
  let title: string;
  if (!absence) {
    title = t('letter.absence.titleReturn');
    sections.push({ text: t('letter.absence.returned', { who: named, child, on: date(facts.writtenOn) }) });
    if (coordinator) {
      sections.push({
        heading: t('letter.appointment.coordinatorHeading'),
        text: t('letter.appointment.coordinator', { name: coordinator.name, unit: coordinator.unitName, email: coordinator.email }),
      });
    }
  } else {
    const leave = absence.kind === 'leave';
    title = t(leave ? 'letter.absence.titleLeave' : 'letter.absence.titleLeaving');
    const from = date(absence.from);
    sections.push({
      text: leave
        ? absence.until
          ? t('letter.absence.leaveUntil', { who: named, child, from, until: date(absence.until) })
          : t('letter.absence.leave', { who: named, child, from })
        : t('letter.absence.leaving', { who: named, child, from }),
    });
    const during = t(leave ? 'letter.absence.whileLeave' : 'letter.absence.whileLeaving');
    const meanwhile =
      substitute !== undefined
        ? t('letter.absence.substitute', { while: during, name: substitute.name, unit: substitute.unitName, child, email: substitute.email })
        : t('letter.absence.ke', { while: during, contact: keContact(municipality, malform) });
    const after = leave
      ? absence.until
        ? t('letter.absence.afterLeaveUntil', { name: coordinator?.name ?? t('letter.absence.theCoordinatorLower') })
        : t('letter.absence.afterLeave')
      : t('letter.absence.afterLeaving');
    sections.push({ heading: t('letter.absence.contactHeading'), text: meanwhile + after });
  }
  sections.push({ heading: t('letter.absence.complaintHeading'), text: rightNotFulfilled(malform) });
  sections.push(contactSection(facts, municipality, malform));
  return voiced(facts, malform, { title, date: facts.writtenOn, sections, ...frame(facts, municipality, malform) });
}

/**
 * Rule law-statsforvalteren-letters: the complaint forwarded to Statsforvalteren, and
 * Statsforvalteren's decision on it: what it decided and what KE does now. Statsforvalteren's
 * decision is final (fvl § 28 tredje ledd): no new complaint right.
 */
export function complaintLetter(facts: ComplaintLetterFacts, municipality: Municipality, malform: Malform = 'nb'): LetterBody {
  const { t, date } = wordsOf(malform);
  const child = wordsOf(malform).child(facts);
  const about: ComplaintAbout = facts.about;
  const complaint = t('letter.complaintLetter.theComplaint', {
    about: t(`letter.complaintLetter.about.${about}`),
    child,
    on: date(facts.complaintReceivedOn),
  });
  const sections: Draft[] = [];
  if (facts.outcome === 'forwarded') {
    sections.push(
      { text: t('letter.complaintLetter.forwardedIntro', { complaint }) },
      { heading: t('letter.complaintLetter.forwardedHeading'), text: t('letter.complaintLetter.forwarded', { on: date(facts.on) }) },
      { heading: t('letter.complaintLetter.ourAssessment'), text: facts.reasons, verbatim: true },
      { heading: t('letter.complaintLetter.nextHeading'), text: t('letter.complaintLetter.next') },
    );
    sections.push(contactSection(facts, municipality, malform));
    return voiced(facts, malform, { title: t('letter.complaintLetter.forwardedTitle'), date: facts.on, sections, ...frame(facts, municipality, malform) });
  }
  const upheld = facts.outcome === 'upheld';
  sections.push(
    { text: t('letter.complaintLetter.decidedIntro', { complaint }) },
    { heading: t('letter.complaintLetter.decidedHeading'), text: t(upheld ? 'letter.complaintLetter.upheld' : 'letter.complaintLetter.overturned') },
    { heading: t('letter.complaintLetter.reasons'), text: facts.reasons, verbatim: true },
    { heading: t('letter.complaintLetter.nowHeading'), text: whatKeDoesNow(facts, malform) },
    { heading: t('letter.complaintLetter.finalHeading'), text: t('letter.complaintLetter.final') },
  );
  sections.push(contactSection(facts, municipality, malform));
  return voiced(facts, malform, { title: t('letter.complaintLetter.decidedTitle'), date: facts.on, sections, ...frame(facts, municipality, malform) });
}

function whatKeDoesNow(facts: ComplaintLetterFacts, malform: Malform): string {
  const t = textsFor(malform);
  const now = (key: string, values?: Record<string, string>) => t(`letter.complaintLetter.now.${key}`, values);
  if (facts.about === 'refusal' && !facts.grantedNow && !facts.refusalStands) return now('alreadyReversed');
  if (facts.outcome === 'upheld') {
    if (facts.about === 'refusal') {
      const offered = alternatives(malform, facts.offeredInstead);
      return now('upheldRefusal', { offered: offered || t('letter.alternative.coordinated_services') });
    }
    if (facts.about === 'change_or_termination') return now('upheldChange');
    return now('upheldOther');
  }
  if (facts.grantedNow) return now('grantedNow');
  if (facts.about === 'change_or_termination') return now('change');
  return now('other');
}

/** Who the letter names from the registry: the coordinator (appointment, change, absence, return) and a substitute. */
export interface LetterContacts {
  coordinator?: CoordinatorContact;
  substitute?: CoordinatorContact;
}

export function letterBody(facts: LetterFacts, municipality: Municipality, who: LetterContacts = {}, malform: Malform = 'nb'): LetterBody {
  if (facts.kind === 'closure') return closureLetter(facts, municipality, malform);
  if (facts.kind === 'decision' || facts.kind === 'complaint_reversal') return decisionLetter(facts, municipality, malform);
  if (facts.kind === 'complaint_forwarded' || facts.kind === 'statsforvalteren_decision') return complaintLetter(facts, municipality, malform);
  if (facts.kind === 'coordinator_absence' || facts.kind === 'coordinator_return') return absenceLetter(facts, municipality, who, malform);
  if (!who.coordinator) throw new Error(`letter ${facts.letterId} needs the coordinator's name and contact`);
  return appointmentLetter(facts as AppointmentLetterFacts, municipality, who.coordinator, malform);
}
