/**
 * The texts of letters to the family, in Norwegian bokmål. Pure: from the facts of a decision
 * to a title and paragraphs; html.ts and pdf.ts only lay them out.
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

export interface Municipality {
  name: string;
  keAddress: string;
  /** KE's e-mail and telephone, where the deployment gives them (KE_EMAIL, KE_PHONE). */
  keEmail?: string;
  kePhone?: string;
}

export interface LetterSection {
  heading?: string;
  text: string;
}

/** A section as drafted: KE's and Statsforvalteren's own words are kept verbatim, whoever the letter is to. */
type Draft = LetterSection & { verbatim?: boolean };

/** From "dere" to "du": the objects and possessives first, then the subject. */
const TO_ONE: [RegExp, string][] = [
  [/\b(gitt|gir|gi|hjelper|sender|til|for|med) dere\b/g, '$1 deg'],
  [/\b([Kk]lagen|barnekoordinatoren) deres\b/g, '$1 din'],
  [/\btjenestene deres\b/g, 'tjenestene dine'],
  [/\bDere\b/g, 'Du'],
  [/\bdere\b/g, 'du'],
];

export function toOne(text: string): string {
  return TO_ONE.reduce((t, [pattern, to]) => t.replace(pattern, to), text);
}

/**
 * The letter in the voice of its addressees (rule law-letters-to-whom): the family as "dere", the
 * young person written to alone as "du". Verbatim sections are left as written.
 */
function voiced(facts: { youngPersonAddressed?: boolean }, letter: Omit<LetterBody, 'sections'> & { sections: Draft[] }): LetterBody {
  const one = facts.youngPersonAddressed === true;
  const sections = letter.sections.map(({ verbatim, heading, text }) => {
    const voice = (t: string) => (one && !verbatim ? toOne(t) : t);
    return { ...(heading !== undefined ? { heading: one ? toOne(heading) : heading } : {}), text: voice(text) };
  });
  return { ...letter, title: one ? toOne(letter.title) : letter.title, sections };
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
}

const ALTERNATIVE_TEXT = {
  coordinated_services:
    'Kommunen har likevel plikt til å samordne tjenestetilbudet til barnet og familien (samordningsplikt). Tjenestene dere mottar skal ses i sammenheng og virke sammen.',
  ordinary_coordinator:
    'Dere kan få en koordinator etter helse- og omsorgstjenesteloven § 7-2 (alminnelig koordinator), som ikke har aldersgrense.',
} as const;

const MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];

/**
 * 2025-03-01 -> 1. mars 2025. Total: any year (also ISO 8601 expanded, +010000-01-01), and text
 * that is no calendar date is written as it is rather than as "undefined. januar".
 */
export function norwegianDate(date: string): string {
  const match = /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  if (!match || m < 1 || m > 12 || d < 1 || d > 31) return date;
  return `${d}. ${MONTHS[m - 1]} ${y}`;
}

function childReference(facts: { childName: string; expectedDate?: string }): string {
  if (facts.expectedDate) return `barnet med termin ${norwegianDate(facts.expectedDate)}`;
  return facts.childName;
}

/** How to reach KE: the postal address, and e-mail and telephone where given. */
export function keContact(municipality: Municipality): string {
  return [municipality.keAddress, municipality.keEmail && `e-post ${municipality.keEmail}`, municipality.kePhone && `telefon ${municipality.kePhone}`]
    .filter(Boolean)
    .join(', ');
}

/** Every letter ends with whom to contact: the caseworker, KE and the case's reference. */
function contactSection(facts: { caseId: string; caseworkerName?: string }, municipality: Municipality, lead = ''): LetterSection {
  return {
    heading: 'Kontakt',
    text:
      lead +
      (facts.caseworkerName ? `Saksbehandler er ${facts.caseworkerName}, koordinerende enhet. ` : '') +
      `Dere når koordinerende enhet på ${keContact(municipality)}. ` +
      `Oppgi saksnummer ${facts.caseId} når dere kontakter oss.`,
  };
}

/** The parts every letter shares: addressees, copy, reference and signature. */
function frame(facts: { caseId: string; addressees: string[]; copyTo?: string[] }, municipality: Municipality) {
  return {
    to: facts.addressees,
    ...(facts.copyTo && facts.copyTo.length > 0 ? { copyTo: facts.copyTo } : {}),
    reference: facts.caseId,
    signature: `Koordinerende enhet, ${municipality.name}`,
  };
}

/** A complaint should be in writing, and KE helps to write it (fvl § 11). */
const COMPLAINT_FORM = 'Klagen bør være skriftlig. Koordinerende enhet hjelper dere gjerne med å skrive den (forvaltningsloven § 11).';

const CONDITION_TEXT: Record<keyof Assessment, string> = {
  childUnder18OrExpected: 'Vilkår a: Familien har eller venter barn under 18 år',
  seriousCondition: 'Vilkår b: Barnet har alvorlig sykdom, skade eller nedsatt funksjonsevne',
  longTermCoordinatedNeeds: 'Vilkår c: Barnet har behov for langvarige og sammensatte eller koordinerte helse- og omsorgstjenester og andre velferdstjenester',
};

/** KE's assessment of each of the three conditions (pbrl § 2-5 c), as recorded in the kartlegging. */
function assessmentSections(assessment: Assessment): Draft[] {
  return (Object.keys(CONDITION_TEXT) as (keyof Assessment)[]).map((key) => ({
    heading: CONDITION_TEXT[key],
    text: `${assessment[key].met ? 'Oppfylt' : 'Ikke oppfylt'}. ${assessment[key].text}`,
    verbatim: true,
  }));
}

export function decisionLetter(facts: DecisionLetterFacts, municipality: Municipality): LetterBody {
  const granted = facts.outcome === 'granted';
  const child = childReference(facts);
  const sections: Draft[] = [];
  if (facts.kind === 'complaint_reversal') {
    sections.push({
      text: `Koordinerende enhet har behandlet klagen deres på avgjørelsen om barnekoordinator for ${child} på nytt, og har endret avgjørelsen.`,
    });
  } else {
    sections.push({
      text:
        `Vi viser til ønsket om barnekoordinator for ${child}, mottatt ${norwegianDate(facts.receivedOn)}` +
        (facts.kartleggingHeld === false ? '.' : ', og til kartleggingssamtalen med familien.'),
    });
  }
  sections.push(
    granted
      ? {
          heading: 'Avgjørelse',
          text: 'Familien har rett til barnekoordinator etter pasient- og brukerrettighetsloven § 2-5 c, jf. helse- og omsorgstjenesteloven § 7-2 a. Koordinerende enhet vil gi et tjenestested ansvaret for å oppnevne barnekoordinator, og dere vil få beskjed om hvem det blir.',
        }
      : {
          heading: 'Avgjørelse',
          text: 'Koordinerende enhet har kommet fram til at vilkårene for rett til barnekoordinator etter pasient- og brukerrettighetsloven § 2-5 c ikke er oppfylt, og ønsket er derfor avslått.',
        },
  );
  sections.push({ heading: 'Begrunnelse', text: facts.reasons, verbatim: true });
  if (!granted && facts.assessment) sections.push(...assessmentSections(facts.assessment));
  if (!granted && facts.offeredInstead.length > 0) {
    sections.push({ heading: 'Hva kommunen tilbyr', text: facts.offeredInstead.map((a) => ALTERNATIVE_TEXT[a]).join(' ') });
  }
  sections.push({
    heading: 'Klageadgang',
    text:
      `Dere kan klage på avgjørelsen etter reglene i pasient- og brukerrettighetsloven kapittel 7. ` +
      (granted ? 'Dere kan også klage hvis dere mener at retten til barnekoordinator ikke blir oppfylt. ' : '') +
      `Klagefristen er fire uker fra dere fikk kjennskap til avgjørelsen, det vil si innen ${norwegianDate(facts.complaintDeadline)} ` +
      `hvis dere mottok den ${norwegianDate(facts.decidedOn)}. ` +
      `Klagen sendes til koordinerende enhet: ${municipality.keAddress}. ${COMPLAINT_FORM} ` +
      'Koordinerende enhet vurderer saken på nytt. Hvis vi ikke gir dere medhold, sender vi klagen videre til Statsforvalteren, som avgjør den.',
  });
  sections.push(contactSection(facts, municipality, 'Ta gjerne kontakt hvis dere har spørsmål. Dere har rett til å se dokumentene i saken. '));
  return voiced(facts, {
    title: facts.kind === 'complaint_reversal' ? 'Ny avgjørelse etter klage: barnekoordinator' : 'Avgjørelse om barnekoordinator',
    date: facts.decidedOn,
    sections,
    ...frame(facts, municipality),
  });
}

const CLOSURE_REASON_TEXT = {
  age_limit: 'Retten til barnekoordinator gjelder til barnet fyller 18 år (helse- og omsorgstjenesteloven § 7-2 a), eller så lenge kommunen har bestemt å tilby barnekoordinator etter fylte 18 år.',
  consent_withdrawn: 'Samtykket til barnekoordinator er trukket tilbake.',
  moved_away: 'Familien har flyttet fra kommunen. Den nye bostedskommunen har ansvaret for å vurdere barnekoordinator.',
  need_ended: 'Koordinerende enhet har vurdert at behovet for barnekoordinator ikke lenger er til stede.',
  child_died: 'Vi har mottatt melding om at barnet er død. Vi kondolerer.',
  other: 'Saken avsluttes.',
} as const;

export function closureLetter(facts: ClosureLetterFacts, municipality: Municipality): LetterBody {
  const sections: Draft[] = [
    { text: `Saken om barnekoordinator for ${childReference(facts)} avsluttes fra ${norwegianDate(facts.closedOn)}.` },
    { heading: 'Begrunnelse', text: [CLOSURE_REASON_TEXT[facts.reason], facts.note].filter(Boolean).join(' '), verbatim: true },
  ];
  if (facts.reason === 'age_limit') {
    sections.push({
      heading: 'Videre oppfølging',
      text: 'Den som har behov for langvarige og koordinerte tjenester, har rett til koordinator etter helse- og omsorgstjenesteloven § 7-2 (alminnelig koordinator), uten aldersgrense. Ta kontakt med koordinerende enhet om dette.',
    });
  }
  if (facts.reason !== 'child_died') {
    sections.push({
      heading: 'Klageadgang',
      text:
        'Dere kan klage på at barnekoordinatoren opphører, etter reglene i pasient- og brukerrettighetsloven kapittel 7. ' +
        `Klagefristen er fire uker fra dere fikk kjennskap til avgjørelsen, det vil si innen ${norwegianDate(facts.complaintDeadline)} ` +
        `hvis dere mottok den ${norwegianDate(facts.closedOn)}. ` +
        `Klagen sendes til koordinerende enhet: ${municipality.keAddress}. ${COMPLAINT_FORM} ` +
        'Hvis vi ikke gir dere medhold, sender vi klagen videre til Statsforvalteren.',
    });
  }
  sections.push(contactSection(facts, municipality));
  return voiced(facts, { title: 'Avslutning av barnekoordinator', date: facts.closedOn, sections, ...frame(facts, municipality) });
}

/** Who the coordinator is, from the registry when the letter is written. */
export interface CoordinatorContact {
  name: string;
  email: string;
  unitName: string;
}

export function appointmentLetter(facts: AppointmentLetterFacts, municipality: Municipality, who: CoordinatorContact): LetterBody {
  const child = childReference(facts);
  const change = facts.kind === 'coordinator_change';
  return voiced(facts, {
    title: change ? 'Ny barnekoordinator' : 'Oppnevning av barnekoordinator',
    date: facts.appointedOn,
    ...frame(facts, municipality),
    sections: [
      {
        text: change
          ? `Barnekoordinatoren for ${child} er byttet fra ${norwegianDate(facts.appointedOn)}.`
          : `Koordinerende enhet har oppnevnt barnekoordinator for ${child} fra ${norwegianDate(facts.appointedOn)}, slik vi lovet i avgjørelsen om rett til barnekoordinator.`,
      },
      { heading: 'Barnekoordinator', text: `${who.name}, ${who.unitName}. Dere når barnekoordinatoren på e-post ${who.email}.` },
      {
        heading: 'Hva barnekoordinatoren gjør',
        text: 'Barnekoordinatoren tar kontakt med dere for en oppstartsamtale, sørger for samordning av tjenestene dere får, og følger opp arbeidet med individuell plan.',
      },
      {
        heading: 'Spørsmål og klage',
        text:
          `Ta kontakt med koordinerende enhet hvis dere har spørsmål: ${municipality.keAddress}. ` +
          `Dere kan klage hvis dere mener at retten til barnekoordinator ikke blir oppfylt, etter reglene i pasient- og brukerrettighetsloven kapittel 7. ${COMPLAINT_FORM}`,
      },
      contactSection(facts, municipality),
    ],
  });
}

/** The complaint right that goes on while a coordinator is away: that the right is not fulfilled. */
const RIGHT_NOT_FULFILLED =
  `Dere kan klage hvis dere mener at retten til barnekoordinator ikke blir oppfylt, etter reglene i pasient- og brukerrettighetsloven kapittel 7. ${COMPLAINT_FORM}`;

const coordinatorNamed = (who: CoordinatorContact | undefined) => (who ? `${who.name}, ${who.unitName}` : 'Barnekoordinatoren');

/**
 * Rule law-absence-letters: the coordinator's leave or departure, and the return from leave. The
 * family learns who holds the case meanwhile: the substitute, or KE until a new coordinator is
 * appointed (of whom they get the coordinator_change letter).
 */
export function absenceLetter(
  facts: AbsenceLetterFacts,
  municipality: Municipality,
  who: { coordinator?: CoordinatorContact; substitute?: CoordinatorContact },
): LetterBody {
  const child = childReference(facts);
  const { coordinator, substitute } = who;
  const absence = facts.absence;
  const sections: Draft[] = [];
  let title: string;
  if (!absence) {
    title = 'Barnekoordinatoren er tilbake';
    sections.push({ text: `${coordinatorNamed(coordinator)} er tilbake etter permisjon og er igjen barnekoordinator for ${child} fra ${norwegianDate(facts.writtenOn)}.` });
    if (coordinator) sections.push({ heading: 'Barnekoordinator', text: `${coordinator.name}, ${coordinator.unitName}. Dere når barnekoordinatoren på e-post ${coordinator.email}.` });
  } else {
    const leave = absence.kind === 'leave';
    title = leave ? 'Barnekoordinatoren har permisjon' : 'Barnekoordinatoren slutter';
    sections.push({
      text: leave
        ? `${coordinatorNamed(coordinator)}, barnekoordinator for ${child}, har permisjon fra ${norwegianDate(absence.from)}` +
          (absence.until ? ` til og med ${norwegianDate(absence.until)}.` : '.')
        : `${coordinatorNamed(coordinator)}, barnekoordinator for ${child}, slutter fra ${norwegianDate(absence.from)}.`,
    });
    const meanwhile =
      substitute !== undefined
        ? `Mens ${leave ? 'permisjonen varer' : 'vi oppnevner ny barnekoordinator'}, er ${substitute.name}, ${substitute.unitName}, barnekoordinator for ${child}. ` +
          `Dere når ${substitute.name} på e-post ${substitute.email}.`
        : `Mens ${leave ? 'permisjonen varer' : 'vi oppnevner ny barnekoordinator'}, har koordinerende enhet ansvaret for oppfølgingen. ` +
          `Ta kontakt med oss hvis dere trenger hjelp: ${keContact(municipality)}.`;
    const after = leave
      ? absence.until
        ? ` Når permisjonen er over, er ${coordinator?.name ?? 'barnekoordinatoren'} igjen barnekoordinator, og dere får brev om det.`
        : ' Dere får brev når permisjonen er over, eller hvis koordinerende enhet oppnevner en annen barnekoordinator.'
      : ' Koordinerende enhet oppnevner ny barnekoordinator, og dere får brev om hvem det blir.';
    sections.push({ heading: 'Hvem dere kan kontakte', text: meanwhile + after });
  }
  sections.push({ heading: 'Klage', text: RIGHT_NOT_FULFILLED });
  sections.push(contactSection(facts, municipality));
  return voiced(facts, { title, date: facts.writtenOn, sections, ...frame(facts, municipality) });
}

const COMPLAINT_ABOUT_TEXT: Record<ComplaintAbout, string> = {
  refusal: 'avslaget på ønsket om barnekoordinator',
  change_or_termination: 'endringen eller opphøret av barnekoordinatoren',
  right_not_fulfilled: 'at retten til barnekoordinator ikke blir oppfylt',
};

/**
 * Rule law-statsforvalteren-letters: the complaint forwarded to Statsforvalteren, and
 * Statsforvalteren's decision on it: what it decided and what KE does now. Statsforvalteren's
 * decision is final (fvl § 28 tredje ledd): no new complaint right.
 */
export function complaintLetter(facts: ComplaintLetterFacts, municipality: Municipality): LetterBody {
  const child = childReference(facts);
  const about = `klagen deres på ${COMPLAINT_ABOUT_TEXT[facts.about]} for ${child}, mottatt ${norwegianDate(facts.complaintReceivedOn)}`;
  const sections: Draft[] = [];
  if (facts.outcome === 'forwarded') {
    sections.push(
      { text: `Vi viser til ${about}.` },
      {
        heading: 'Klagen er sendt til Statsforvalteren',
        text: `Koordinerende enhet har vurdert klagen på nytt, men har ikke funnet grunn til å gi dere medhold. Vi har derfor sendt klagen til Statsforvalteren ${norwegianDate(facts.on)}, som avgjør den.`,
      },
      { heading: 'Vår vurdering', text: facts.reasons, verbatim: true },
      {
        heading: 'Videre',
        text: 'Statsforvalteren sender dere sin avgjørelse skriftlig, og koordinerende enhet skriver til dere om hva avgjørelsen betyr for dere. Dere har rett til å se dokumentene i saken og kan sende merknader til vurderingen vår.',
      },
    );
    sections.push(contactSection(facts, municipality));
    return voiced(facts, { title: 'Klagen deres er sendt til Statsforvalteren', date: facts.on, sections, ...frame(facts, municipality) });
  }
  const upheld = facts.outcome === 'upheld';
  sections.push(
    { text: `Statsforvalteren har avgjort ${about}.` },
    {
      heading: 'Statsforvalterens avgjørelse',
      text: upheld
        ? 'Statsforvalteren har ikke gitt dere medhold. Avgjørelsen fra koordinerende enhet blir stående.'
        : 'Statsforvalteren har gitt dere medhold og har endret avgjørelsen fra koordinerende enhet.',
    },
    { heading: 'Begrunnelse', text: facts.reasons, verbatim: true },
    { heading: 'Hva koordinerende enhet gjør nå', text: whatKeDoesNow(facts) },
    {
      heading: 'Avgjørelsen er endelig',
      text: 'Statsforvalterens avgjørelse er endelig og kan ikke påklages (forvaltningsloven § 28 tredje ledd). Dere kan likevel be Sivilombudet undersøke saken.',
    },
  );
  sections.push(contactSection(facts, municipality));
  return voiced(facts, { title: 'Statsforvalterens avgjørelse i klagesaken', date: facts.on, sections, ...frame(facts, municipality) });
}

function whatKeDoesNow(facts: ComplaintLetterFacts): string {
  if (facts.about === 'refusal' && !facts.grantedNow && !facts.refusalStands) {
    return 'Koordinerende enhet har allerede endret avslaget etter en annen klage, og familien har rett til barnekoordinator. Statsforvalterens avgjørelse endrer ikke det.';
  }
  if (facts.outcome === 'upheld') {
    if (facts.about === 'refusal') {
      const offered = facts.offeredInstead.map((a) => ALTERNATIVE_TEXT[a]).join(' ');
      return `Familien har ikke rett til barnekoordinator etter pasient- og brukerrettighetsloven § 2-5 c. ${offered || ALTERNATIVE_TEXT.coordinated_services}`;
    }
    if (facts.about === 'change_or_termination') return 'Endringen eller opphøret av barnekoordinatoren gjelder slik koordinerende enhet har bestemt.';
    return 'Koordinerende enhet følger opp tjenestene deres som før. Ta kontakt med oss hvis noe ikke fungerer.';
  }
  if (facts.grantedNow) {
    return 'Familien har rett til barnekoordinator etter pasient- og brukerrettighetsloven § 2-5 c, jf. helse- og omsorgstjenesteloven § 7-2 a. Koordinerende enhet gir et tjenestested ansvaret for å oppnevne barnekoordinator, og dere får brev om hvem det blir.';
  }
  if (facts.about === 'change_or_termination') {
    return 'Koordinerende enhet retter seg etter Statsforvalterens avgjørelse og skriver til dere om barnekoordinatoren deres.';
  }
  return 'Koordinerende enhet retter seg etter Statsforvalterens avgjørelse og sørger for at retten til barnekoordinator blir oppfylt. Vi tar kontakt med dere om hvordan.';
}

/** Who the letter names from the registry: the coordinator (appointment, change, absence, return) and a substitute. */
export interface LetterContacts {
  coordinator?: CoordinatorContact;
  substitute?: CoordinatorContact;
}

export function letterBody(facts: LetterFacts, municipality: Municipality, who: LetterContacts = {}): LetterBody {
  if (facts.kind === 'closure') return closureLetter(facts, municipality);
  if (facts.kind === 'decision' || facts.kind === 'complaint_reversal') return decisionLetter(facts, municipality);
  if (facts.kind === 'complaint_forwarded' || facts.kind === 'statsforvalteren_decision') return complaintLetter(facts, municipality);
  if (facts.kind === 'coordinator_absence' || facts.kind === 'coordinator_return') return absenceLetter(facts, municipality, who);
  if (!who.coordinator) throw new Error(`letter ${facts.letterId} needs the coordinator's name and contact`);
  return appointmentLetter(facts as AppointmentLetterFacts, municipality, who.coordinator);
}
