/**
 * The texts of letters to the family, in Norwegian bokmål. Pure: from the facts of a decision
 * to a title and paragraphs; html.ts and pdf.ts only lay them out.
 */
import type { AppointmentLetterFacts, ClosureLetterFacts, DecisionLetterFacts, LetterFacts } from '../../workflows/case/letter-facts';

export interface Municipality {
  name: string;
  keAddress: string;
}

export interface LetterSection {
  heading?: string;
  text: string;
}

export interface LetterBody {
  title: string;
  date: string;
  to: string[];
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

export function decisionLetter(facts: DecisionLetterFacts, municipality: Municipality): LetterBody {
  const granted = facts.outcome === 'granted';
  const child = childReference(facts);
  const sections: LetterSection[] = [];
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
  sections.push({ heading: 'Begrunnelse', text: facts.reasons });
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
      `Klagen sendes til koordinerende enhet: ${municipality.keAddress}. ` +
      'Koordinerende enhet vurderer saken på nytt. Hvis vi ikke gir dere medhold, sender vi klagen videre til Statsforvalteren, som avgjør den.',
  });
  sections.push({
    heading: 'Spørsmål',
    text: 'Ta gjerne kontakt med koordinerende enhet hvis dere har spørsmål. Dere har rett til å se dokumentene i saken.',
  });
  return {
    title: facts.kind === 'complaint_reversal' ? 'Ny avgjørelse etter klage: barnekoordinator' : 'Avgjørelse om barnekoordinator',
    date: facts.decidedOn,
    to: facts.addressees,
    sections,
    signature: `Koordinerende enhet, ${municipality.name}`,
  };
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
  const sections: LetterSection[] = [
    { text: `Saken om barnekoordinator for ${childReference(facts)} avsluttes fra ${norwegianDate(facts.closedOn)}.` },
    { heading: 'Begrunnelse', text: [CLOSURE_REASON_TEXT[facts.reason], facts.note].filter(Boolean).join(' ') },
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
        `Klagefristen er fire uker fra dere fikk kjennskap til avgjørelsen, det vil si innen ${norwegianDate(facts.complaintDeadline)}. ` +
        `Klagen sendes til koordinerende enhet: ${municipality.keAddress}. Hvis vi ikke gir dere medhold, sender vi klagen videre til Statsforvalteren.`,
    });
  }
  return { title: 'Avslutning av barnekoordinator', date: facts.closedOn, to: facts.addressees, sections, signature: `Koordinerende enhet, ${municipality.name}` };
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
  return {
    title: change ? 'Ny barnekoordinator' : 'Oppnevning av barnekoordinator',
    date: facts.appointedOn,
    to: facts.addressees,
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
          'Dere kan klage hvis dere mener at retten til barnekoordinator ikke blir oppfylt, etter reglene i pasient- og brukerrettighetsloven kapittel 7.',
      },
    ],
    signature: `Koordinerende enhet, ${municipality.name}`,
  };
}

export function letterBody(facts: LetterFacts, municipality: Municipality, who?: CoordinatorContact): LetterBody {
  if (facts.kind === 'closure') return closureLetter(facts, municipality);
  if (facts.kind === 'decision' || facts.kind === 'complaint_reversal') return decisionLetter(facts, municipality);
  if (!who) throw new Error(`letter ${facts.letterId} needs the coordinator's name and contact`);
  return appointmentLetter(facts as AppointmentLetterFacts, municipality, who);
}
