/** Texts in nynorsk: the same keys as nb.ts (the type says so), spell-checked against nynorsk word lists. */
import type { Catalogue } from './nb';

export const nn: Catalogue = {
  date: {
    long: '{{day}}. {{month}} {{year}}',
    month: {
      m1: 'januar', m2: 'februar', m3: 'mars', m4: 'april', m5: 'mai', m6: 'juni',
      m7: 'juli', m8: 'august', m9: 'september', m10: 'oktober', m11: 'november', m12: 'desember',
    },
  },
  letter: {
    signature: 'Koordinerande eining, {{name}}',
    closing: 'Med venleg helsing',
    childWithTermin: 'barnet med termin {{date}}',
    contact: {
      heading: 'Kontakt',
      caseworker: 'Saksbehandlar er {{name}}, koordinerande eining. ',
      reach: 'De når koordinerande eining på {{contact}}. ',
      reference: 'Oppgi saksnummer {{caseId}} når de kontaktar oss.',
      email: 'e-post {{email}}',
      phone: 'telefon {{phone}}',
      questions: 'Ta gjerne kontakt dersom de har spørsmål. De har rett til å sjå dokumenta i saka. ',
    },
    complaint: {
      form: 'Klaga bør vere skriftleg. Koordinerande eining hjelper dykk gjerne med å skrive ho (forvaltningslova § 11).',
      deadline: 'Klagefristen er fire veker frå de fekk kjennskap til avgjerda, det vil seie innan {{deadline}} dersom de fekk ho {{received}}. ',
      sendToKe: 'Klaga skal sendast til koordinerande eining: {{address}}. ',
      sendTo: 'Klaga skal sendast til {{address}}. ',
      rightNotFulfilled: 'De kan klage dersom de meiner at retten til barnekoordinator ikkje blir oppfylt, etter reglane i pasient- og brukarrettslova kapittel 7. ',
    },
    alternative: {
      coordinated_services:
        'Kommunen har likevel plikt til å samordne tenestetilbodet til barnet og familien (samordningsplikt). Tenestene de får, skal sjåast i samanheng og verke saman.',
      ordinary_coordinator:
        'De kan få ein koordinator etter helse- og omsorgstenestelova § 7-2 (allmenn koordinator), som ikkje har aldersgrense.',
    },
    condition: {
      childUnder18OrExpected: 'Vilkår a: Familien har eller ventar barn under 18 år',
      seriousCondition: 'Vilkår b: Barnet har alvorleg sjukdom, skade eller nedsett funksjonsevne',
      longTermCoordinatedNeeds:
        'Vilkår c: Barnet har behov for langvarige og samansette eller koordinerte helse- og omsorgstenester og andre velferdstenester',
      met: 'Oppfylt. {{text}}',
      notMet: 'Ikkje oppfylt. {{text}}',
    },
    decision: {
      title: 'Avgjerd om barnekoordinator',
      titleReversal: 'Ny avgjerd etter klage: barnekoordinator',
      reversal:
        'Koordinerande eining har behandla klaga dykkar på avgjerda om barnekoordinator for {{child}} på nytt, og har endra avgjerda.',
      intro: 'Vi viser til ønsket om barnekoordinator for {{child}}, motteke {{receivedOn}}.',
      introWithKartlegging: 'Vi viser til ønsket om barnekoordinator for {{child}}, motteke {{receivedOn}}, og til kartleggingssamtalen med familien.',
      heading: 'Avgjerd',
      granted:
        'Familien har rett til barnekoordinator etter pasient- og brukarrettslova § 2-5 c, jf. helse- og omsorgstenestelova § 7-2 a. Koordinerande eining vil gje ein tenestestad ansvaret for å oppnemne barnekoordinator, og de vil få melding om kven det blir.',
      refused:
        'Koordinerande eining har kome fram til at vilkåra for rett til barnekoordinator etter pasient- og brukarrettslova § 2-5 c ikkje er oppfylte, og ønsket er difor avslått.',
      reasons: 'Grunngjeving',
      offered: 'Kva kommunen tilbyr',
      complaintHeading: 'Klagerett',
      complaintRight: 'De kan klage på avgjerda etter reglane i pasient- og brukarrettslova kapittel 7. ',
      complaintAlso: 'De kan også klage dersom de meiner at retten til barnekoordinator ikkje blir oppfylt. ',
      review: 'Koordinerande eining vurderer saka på nytt. Dersom vi ikkje gjev dykk medhald, sender vi klaga vidare til Statsforvaltaren, som avgjer ho.',
    },
    closure: {
      title: 'Avslutning av barnekoordinator',
      intro: 'Saka om barnekoordinator for {{child}} blir avslutta frå {{closedOn}}.',
      reason: {
        age_limit:
          'Retten til barnekoordinator gjeld til barnet fyller 18 år (helse- og omsorgstenestelova § 7-2 a), eller så lenge kommunen har bestemt å tilby barnekoordinator etter fylte 18 år.',
        consent_withdrawn: 'Samtykket til barnekoordinator er trekt tilbake.',
        moved_away: 'Familien har flytta frå kommunen. Den nye bustadkommunen har ansvaret for å vurdere barnekoordinator.',
        need_ended: 'Koordinerande eining har vurdert at behovet for barnekoordinator ikkje lenger er til stades.',
        child_died: 'Vi har fått melding om at barnet er dødt. Vi kondolerer.',
        other: 'Saka blir avslutta.',
      },
      followUpHeading: 'Vidare oppfølging',
      followUp:
        'Den som har behov for langvarige og koordinerte tenester, har rett til koordinator etter helse- og omsorgstenestelova § 7-2 (allmenn koordinator), utan aldersgrense. Ta kontakt med koordinerande eining om dette.',
      complaintRight: 'De kan klage på at barnekoordinatoren tek slutt, etter reglane i pasient- og brukarrettslova kapittel 7. ',
      forward: 'Dersom vi ikkje gjev dykk medhald, sender vi klaga vidare til Statsforvaltaren.',
    },
    appointment: {
      title: 'Oppnemning av barnekoordinator',
      titleChange: 'Ny barnekoordinator',
      intro:
        'Koordinerande eining har oppnemnt barnekoordinator for {{child}} frå {{on}}, slik vi lova i avgjerda om rett til barnekoordinator.',
      introChange: 'Barnekoordinatoren for {{child}} er bytt frå {{on}}.',
      coordinatorHeading: 'Barnekoordinator',
      coordinator: '{{name}}, {{unit}}. De når barnekoordinatoren på e-post {{email}}.',
      whatHeading: 'Kva barnekoordinatoren gjer',
      what: 'Barnekoordinatoren tek kontakt med dykk for ein første samtale, syter for samordning av tenestene de får, og følgjer opp arbeidet med individuell plan.',
      questionsHeading: 'Spørsmål og klage',
      questions: 'Ta kontakt med koordinerande eining dersom de har spørsmål: {{address}}. ',
    },
    absence: {
      titleReturn: 'Barnekoordinatoren er tilbake',
      titleLeave: 'Barnekoordinatoren har permisjon',
      titleLeaving: 'Barnekoordinatoren sluttar',
      theCoordinator: 'Barnekoordinatoren',
      theCoordinatorLower: 'barnekoordinatoren',
      returned: '{{who}} er tilbake etter permisjon og er igjen barnekoordinator for {{child}} frå {{on}}.',
      leave: '{{who}}, barnekoordinator for {{child}}, har permisjon frå {{from}}.',
      leaveUntil: '{{who}}, barnekoordinator for {{child}}, har permisjon frå {{from}} til og med {{until}}.',
      leaving: '{{who}}, barnekoordinator for {{child}}, sluttar frå {{from}}.',
      whileLeave: 'Medan permisjonen varer',
      whileLeaving: 'Medan vi oppnemner ny barnekoordinator',
      substitute: '{{while}}, er {{name}}, {{unit}}, barnekoordinator for {{child}}. De når {{name}} på e-post {{email}}.',
      ke: '{{while}}, har koordinerande eining ansvaret for oppfølginga. Ta kontakt med oss dersom de treng hjelp: {{contact}}.',
      afterLeaveUntil: ' Når permisjonen er over, er {{name}} igjen barnekoordinator, og de får brev om det.',
      afterLeave: ' De får brev når permisjonen er over, eller dersom koordinerande eining oppnemner ein annan barnekoordinator.',
      afterLeaving: ' Koordinerande eining oppnemner ny barnekoordinator, og de får brev om kven det blir.',
      contactHeading: 'Kven de kan kontakte',
      complaintHeading: 'Klage',
    },
    complaintLetter: {
      about: {
        refusal: 'avslaget på ønsket om barnekoordinator',
        change_or_termination: 'at barnekoordinatoren er endra eller tek slutt',
        right_not_fulfilled: 'at retten til barnekoordinator ikkje blir oppfylt',
      },
      theComplaint: 'klaga dykkar på {{about}} for {{child}}, motteken {{on}}',
      forwardedTitle: 'Klaga dykkar er send til Statsforvaltaren',
      forwardedIntro: 'Vi viser til {{complaint}}.',
      forwardedHeading: 'Klaga er send til Statsforvaltaren',
      forwarded:
        'Koordinerande eining har vurdert klaga på nytt, men har ikkje funne grunn til å gje dykk medhald. Vi har difor sendt klaga til Statsforvaltaren {{on}}, som avgjer ho.',
      ourAssessment: 'Vurderinga vår',
      nextHeading: 'Vidare',
      next: 'Statsforvaltaren sender dykk avgjerda si skriftleg, og koordinerande eining skriv til dykk om kva avgjerda har å seie for dykk. De har rett til å sjå dokumenta i saka og kan sende merknader til vurderinga vår.',
      decidedTitle: 'Avgjerda til Statsforvaltaren i klagesaka',
      decidedIntro: 'Statsforvaltaren har avgjort {{complaint}}.',
      decidedHeading: 'Avgjerda til Statsforvaltaren',
      upheld: 'Statsforvaltaren har ikkje gjeve dykk medhald. Avgjerda frå koordinerande eining blir ståande.',
      overturned: 'Statsforvaltaren har gjeve dykk medhald og har endra avgjerda frå koordinerande eining.',
      reasons: 'Grunngjeving',
      nowHeading: 'Kva koordinerande eining gjer no',
      finalHeading: 'Avgjerda er endeleg',
      final:
        'Avgjerda til Statsforvaltaren er endeleg og kan ikkje påklagast (forvaltningslova § 28 tredje ledd). De kan likevel be Sivilombodet undersøkje saka.',
      now: {
        alreadyReversed:
          'Koordinerande eining har alt endra avslaget etter ei anna klage, og familien har rett til barnekoordinator. Avgjerda til Statsforvaltaren endrar ikkje det.',
        upheldRefusal: 'Familien har ikkje rett til barnekoordinator etter pasient- og brukarrettslova § 2-5 c. {{offered}}',
        upheldChange: 'Endringa av barnekoordinatoren, eller at barnekoordinatoren tek slutt, gjeld slik koordinerande eining har bestemt.',
        upheldOther: 'Koordinerande eining følgjer opp tenestene dykkar som før. Ta kontakt med oss dersom noko ikkje fungerer.',
        grantedNow:
          'Familien har rett til barnekoordinator etter pasient- og brukarrettslova § 2-5 c, jf. helse- og omsorgstenestelova § 7-2 a. Koordinerande eining gjev ein tenestestad ansvaret for å oppnemne barnekoordinator, og de får brev om kven det blir.',
        change: 'Koordinerande eining rettar seg etter avgjerda til Statsforvaltaren og skriv til dykk om barnekoordinatoren dykkar.',
        other:
          'Koordinerande eining rettar seg etter avgjerda til Statsforvaltaren og syter for at retten til barnekoordinator blir oppfylt. Vi tek kontakt med dykk om korleis.',
      },
    },
  },
  report: {
    columns: { metric: 'Indikator', key: 'Kategori', value: 'Verdi' },
    metric: {
      year: 'År',
      requests_received: 'Førespurnader mottekne',
      decisions: 'Avgjerder',
      complaints_received: 'Klagar mottekne',
      complaint_outcomes: 'Utfall av klagar',
      days_to_first_decision: 'Dagar til første avgjerd',
      days_to_first_appointment: 'Dagar til første oppnemning',
      open_at_year_end: 'Opne saker ved årsskiftet',
      open_at_year_end_by_unit: 'Opne saker ved årsskiftet, per eining',
      open_at_year_end_by_sector: 'Opne saker ved årsskiftet, per sektor',
      closures: 'Avslutningar',
      closures_by_reason: 'Avslutningar etter grunn',
      cases_extended: 'Saker forlenga etter 18 år',
    },
    key: {
      total: 'i alt',
      late: 'for seint',
      granted: 'tilstått',
      refused: 'avslått',
      cases: 'saker',
      median: 'median',
      p90: '9 av 10 saker innan',
    },
    noUnit: '(inga eining)',
  },
  complaintOutcome: {
    reversed_by_ke: 'gjort om av KE',
    forwarded_to_statsforvalteren: 'send til Statsforvaltaren',
    upheld_by_statsforvalteren: 'stadfesta av Statsforvaltaren',
    overturned_by_statsforvalteren: 'gjort om av Statsforvaltaren',
  },
  closureReason: {
    age_limit: 'fylt 18 år',
    consent_withdrawn: 'samtykket trekt tilbake',
    moved_away: 'flytta',
    need_ended: 'behovet er slutt',
    child_died: 'barnet døydde',
    other: 'anna',
  },
  sector: {
    health: 'helse',
    childhood: 'oppvekst',
    welfare: 'velferd',
    other: 'anna',
  },
};
