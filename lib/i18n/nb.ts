/**
 * Texts in bokmål: the source catalogue. nn.ts must have the same keys (the compiler and
 * test/unit/i18n.test.ts check it), and both are spell-checked against Norwegian word lists.
 * i18next plurals use the suffixes _one and _other; {{…}} are values put in.
 */
export const nb = {
  /** Dates the Norwegian way: "3. mars 2026". */
  date: {
    long: '{{day}}. {{month}} {{year}}',
    month: {
      m1: 'januar', m2: 'februar', m3: 'mars', m4: 'april', m5: 'mai', m6: 'juni',
      m7: 'juli', m8: 'august', m9: 'september', m10: 'oktober', m11: 'november', m12: 'desember',
    },
  },
  /**
   * Letters to the family (activities/letters/text.ts), written to "dere"; a letter to the young
   * person alone is turned to "du" in code. Texts ending in a space are followed by another.
   */
  letter: {
    signature: 'Koordinerende enhet, {{name}}',
    closing: 'Med vennlig hilsen',
    childWithTermin: 'barnet med termin {{date}}',
    contact: {
      heading: 'Kontakt',
      caseworker: 'Saksbehandler er {{name}}, koordinerende enhet. ',
      reach: 'Dere når koordinerende enhet på {{contact}}. ',
      reference: 'Oppgi saksnummer {{caseId}} når dere kontakter oss.',
      email: 'e-post {{email}}',
      phone: 'telefon {{phone}}',
      questions: 'Ta gjerne kontakt hvis dere har spørsmål. Dere har rett til å se dokumentene i saken. ',
    },
    complaint: {
      form: 'Klagen bør være skriftlig. Koordinerende enhet hjelper dere gjerne med å skrive den (forvaltningsloven § 11).',
      deadline: 'Klagefristen er fire uker fra dere fikk kjennskap til avgjørelsen, det vil si innen {{deadline}} hvis dere mottok den {{received}}. ',
      sendToKe: 'Klagen sendes til koordinerende enhet: {{address}}. ',
      sendTo: 'Klagen sendes til {{address}}. ',
      rightNotFulfilled: 'Dere kan klage hvis dere mener at retten til barnekoordinator ikke blir oppfylt, etter reglene i pasient- og brukerrettighetsloven kapittel 7. ',
    },
    alternative: {
      coordinated_services:
        'Kommunen har likevel plikt til å samordne tjenestetilbudet til barnet og familien (samordningsplikt). Tjenestene dere mottar skal ses i sammenheng og virke sammen.',
      ordinary_coordinator:
        'Dere kan få en koordinator etter helse- og omsorgstjenesteloven § 7-2 (alminnelig koordinator), som ikke har aldersgrense.',
    },
    condition: {
      childUnder18OrExpected: 'Vilkår a: Familien har eller venter barn under 18 år',
      seriousCondition: 'Vilkår b: Barnet har alvorlig sykdom, skade eller nedsatt funksjonsevne',
      longTermCoordinatedNeeds:
        'Vilkår c: Barnet har behov for langvarige og sammensatte eller koordinerte helse- og omsorgstjenester og andre velferdstjenester',
      met: 'Oppfylt. {{text}}',
      notMet: 'Ikke oppfylt. {{text}}',
    },
    decision: {
      title: 'Avgjørelse om barnekoordinator',
      titleReversal: 'Ny avgjørelse etter klage: barnekoordinator',
      reversal:
        'Koordinerende enhet har behandlet klagen deres på avgjørelsen om barnekoordinator for {{child}} på nytt, og har endret avgjørelsen.',
      intro: 'Vi viser til ønsket om barnekoordinator for {{child}}, mottatt {{receivedOn}}.',
      introWithKartlegging: 'Vi viser til ønsket om barnekoordinator for {{child}}, mottatt {{receivedOn}}, og til kartleggingssamtalen med familien.',
      heading: 'Avgjørelse',
      granted:
        'Familien har rett til barnekoordinator etter pasient- og brukerrettighetsloven § 2-5 c, jf. helse- og omsorgstjenesteloven § 7-2 a. Koordinerende enhet vil gi et tjenestested ansvaret for å oppnevne barnekoordinator, og dere vil få beskjed om hvem det blir.',
      refused:
        'Koordinerende enhet har kommet fram til at vilkårene for rett til barnekoordinator etter pasient- og brukerrettighetsloven § 2-5 c ikke er oppfylt, og ønsket er derfor avslått.',
      reasons: 'Begrunnelse',
      offered: 'Hva kommunen tilbyr',
      complaintHeading: 'Klageadgang',
      complaintRight: 'Dere kan klage på avgjørelsen etter reglene i pasient- og brukerrettighetsloven kapittel 7. ',
      complaintAlso: 'Dere kan også klage hvis dere mener at retten til barnekoordinator ikke blir oppfylt. ',
      review: 'Koordinerende enhet vurderer saken på nytt. Hvis vi ikke gir dere medhold, sender vi klagen videre til Statsforvalteren, som avgjør den.',
    },
    closure: {
      title: 'Avslutning av barnekoordinator',
      intro: 'Saken om barnekoordinator for {{child}} avsluttes fra {{closedOn}}.',
      reason: {
        age_limit:
          'Retten til barnekoordinator gjelder til barnet fyller 18 år (helse- og omsorgstjenesteloven § 7-2 a), eller så lenge kommunen har bestemt å tilby barnekoordinator etter fylte 18 år.',
        consent_withdrawn: 'Samtykket til barnekoordinator er trukket tilbake.',
        moved_away: 'Familien har flyttet fra kommunen. Den nye bostedskommunen har ansvaret for å vurdere barnekoordinator.',
        need_ended: 'Koordinerende enhet har vurdert at behovet for barnekoordinator ikke lenger er til stede.',
        child_died: 'Vi har mottatt melding om at barnet er død. Vi kondolerer.',
        other: 'Saken avsluttes.',
      },
      followUpHeading: 'Videre oppfølging',
      followUp:
        'Den som har behov for langvarige og koordinerte tjenester, har rett til koordinator etter helse- og omsorgstjenesteloven § 7-2 (alminnelig koordinator), uten aldersgrense. Ta kontakt med koordinerende enhet om dette.',
      complaintRight: 'Dere kan klage på at barnekoordinatoren opphører, etter reglene i pasient- og brukerrettighetsloven kapittel 7. ',
      forward: 'Hvis vi ikke gir dere medhold, sender vi klagen videre til Statsforvalteren.',
    },
    appointment: {
      title: 'Oppnevning av barnekoordinator',
      titleChange: 'Ny barnekoordinator',
      intro:
        'Koordinerende enhet har oppnevnt barnekoordinator for {{child}} fra {{on}}, slik vi lovet i avgjørelsen om rett til barnekoordinator.',
      introChange: 'Barnekoordinatoren for {{child}} er byttet fra {{on}}.',
      coordinatorHeading: 'Barnekoordinator',
      coordinator: '{{name}}, {{unit}}. Dere når barnekoordinatoren på e-post {{email}}.',
      whatHeading: 'Hva barnekoordinatoren gjør',
      what: 'Barnekoordinatoren tar kontakt med dere for en oppstartsamtale, sørger for samordning av tjenestene dere får, og følger opp arbeidet med individuell plan.',
      questionsHeading: 'Spørsmål og klage',
      questions: 'Ta kontakt med koordinerende enhet hvis dere har spørsmål: {{address}}. ',
    },
    absence: {
      titleReturn: 'Barnekoordinatoren er tilbake',
      titleLeave: 'Barnekoordinatoren har permisjon',
      titleLeaving: 'Barnekoordinatoren slutter',
      theCoordinator: 'Barnekoordinatoren',
      theCoordinatorLower: 'barnekoordinatoren',
      returned: '{{who}} er tilbake etter permisjon og er igjen barnekoordinator for {{child}} fra {{on}}.',
      leave: '{{who}}, barnekoordinator for {{child}}, har permisjon fra {{from}}.',
      leaveUntil: '{{who}}, barnekoordinator for {{child}}, har permisjon fra {{from}} til og med {{until}}.',
      leaving: '{{who}}, barnekoordinator for {{child}}, slutter fra {{from}}.',
      whileLeave: 'Mens permisjonen varer',
      whileLeaving: 'Mens vi oppnevner ny barnekoordinator',
      substitute: '{{while}}, er {{name}}, {{unit}}, barnekoordinator for {{child}}. Dere når {{name}} på e-post {{email}}.',
      ke: '{{while}}, har koordinerende enhet ansvaret for oppfølgingen. Ta kontakt med oss hvis dere trenger hjelp: {{contact}}.',
      afterLeaveUntil: ' Når permisjonen er over, er {{name}} igjen barnekoordinator, og dere får brev om det.',
      afterLeave: ' Dere får brev når permisjonen er over, eller hvis koordinerende enhet oppnevner en annen barnekoordinator.',
      afterLeaving: ' Koordinerende enhet oppnevner ny barnekoordinator, og dere får brev om hvem det blir.',
      contactHeading: 'Hvem dere kan kontakte',
      complaintHeading: 'Klage',
    },
    complaintLetter: {
      about: {
        refusal: 'avslaget på ønsket om barnekoordinator',
        change_or_termination: 'endringen eller opphøret av barnekoordinatoren',
        right_not_fulfilled: 'at retten til barnekoordinator ikke blir oppfylt',
      },
      theComplaint: 'klagen deres på {{about}} for {{child}}, mottatt {{on}}',
      forwardedTitle: 'Klagen deres er sendt til Statsforvalteren',
      forwardedIntro: 'Vi viser til {{complaint}}.',
      forwardedHeading: 'Klagen er sendt til Statsforvalteren',
      forwarded:
        'Koordinerende enhet har vurdert klagen på nytt, men har ikke funnet grunn til å gi dere medhold. Vi har derfor sendt klagen til Statsforvalteren {{on}}, som avgjør den.',
      ourAssessment: 'Vår vurdering',
      nextHeading: 'Videre',
      next: 'Statsforvalteren sender dere sin avgjørelse skriftlig, og koordinerende enhet skriver til dere om hva avgjørelsen betyr for dere. Dere har rett til å se dokumentene i saken og kan sende merknader til vurderingen vår.',
      decidedTitle: 'Statsforvalterens avgjørelse i klagesaken',
      decidedIntro: 'Statsforvalteren har avgjort {{complaint}}.',
      decidedHeading: 'Statsforvalterens avgjørelse',
      upheld: 'Statsforvalteren har ikke gitt dere medhold. Avgjørelsen fra koordinerende enhet blir stående.',
      overturned: 'Statsforvalteren har gitt dere medhold og har endret avgjørelsen fra koordinerende enhet.',
      reasons: 'Begrunnelse',
      nowHeading: 'Hva koordinerende enhet gjør nå',
      finalHeading: 'Avgjørelsen er endelig',
      final:
        'Statsforvalterens avgjørelse er endelig og kan ikke påklages (forvaltningsloven § 28 tredje ledd). Dere kan likevel be Sivilombudet undersøke saken.',
      now: {
        alreadyReversed:
          'Koordinerende enhet har allerede endret avslaget etter en annen klage, og familien har rett til barnekoordinator. Statsforvalterens avgjørelse endrer ikke det.',
        upheldRefusal: 'Familien har ikke rett til barnekoordinator etter pasient- og brukerrettighetsloven § 2-5 c. {{offered}}',
        upheldChange: 'Endringen eller opphøret av barnekoordinatoren gjelder slik koordinerende enhet har bestemt.',
        upheldOther: 'Koordinerende enhet følger opp tjenestene deres som før. Ta kontakt med oss hvis noe ikke fungerer.',
        grantedNow:
          'Familien har rett til barnekoordinator etter pasient- og brukerrettighetsloven § 2-5 c, jf. helse- og omsorgstjenesteloven § 7-2 a. Koordinerende enhet gir et tjenestested ansvaret for å oppnevne barnekoordinator, og dere får brev om hvem det blir.',
        change: 'Koordinerende enhet retter seg etter Statsforvalterens avgjørelse og skriver til dere om barnekoordinatoren deres.',
        other:
          'Koordinerende enhet retter seg etter Statsforvalterens avgjørelse og sørger for at retten til barnekoordinator blir oppfylt. Vi tar kontakt med dere om hvordan.',
      },
    },
  },
  /**
   * Reminders and escalations to staff (worker/reminder-texts.ts), e-mailed and in the in-app
   * inbox. No personal data: only the kind of deadline, its date and the link to the case.
   */
  reminder: {
    kind: {
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
      general: {
        title: 'frist i saken',
        fact: 'En frist i saken er nådd.',
        action: 'Åpne saken og følg opp fristen.',
      },
    },
    generic: {
      reminderSubject: 'Påminnelse: en frist i saken må følges opp',
      escalationSubject: 'Eskalering: en frist i saken må følges opp',
      fact: 'En frist i saken må følges opp. Hva fristen gjelder og når den er, ser du i saken.',
      escalation: 'Følg opp saken med den som er ansvarlig.',
    },
    reminderHeading: 'Påminnelse',
    escalationHeading: 'Eskalering til koordinerende enhet',
    subject: 'Påminnelse: {{title}} – frist {{date}}',
    fact: '{{fact}} Fristen er {{date}}.',
    action: 'Hva du må gjøre innen {{date}}: {{action}}',
    escalationSubject: 'Eskalering: {{title}} – fristen {{date}} er oversittet',
    escalationFact: '{{fact}} Fristen var {{date}}, og den er oversittet.',
    escalationAction: 'Hva koordinerende enhet må gjøre: {{action}}',
    escalationFollowUp: 'Følg opp saken med den som er ansvarlig, slik at dette blir gjort: {{action}}',
    meetingWhen: '{{date}} kl. {{time}}',
    meetingSubject: 'Påminnelse: ansvarsgruppemøte {{when}}',
    meetingFact: '{{fact}} Møtet er {{when}}.',
    meetingAction: 'Hva du må gjøre før møtet: {{action}}',
    open: 'Åpne saken: {{link}}',
    sender: 'Koordinerende enhet, {{name}}',
    footer: 'Meldingen inneholder ingen opplysninger om barnet eller familien; dem finner du i saken.',
    automatic: 'Dette er en automatisk melding fra Barnekoordinator og kan ikke besvares.',
  },
  report: {
    columns: { metric: 'Indikator', key: 'Kategori', value: 'Verdi' },
    metric: {
      year: 'År',
      requests_received: 'Henvendelser mottatt',
      decisions: 'Avgjørelser',
      complaints_received: 'Klager mottatt',
      complaint_outcomes: 'Utfall av klager',
      days_to_first_decision: 'Dager til første avgjørelse',
      days_to_first_appointment: 'Dager til første oppnevning',
      open_at_year_end: 'Åpne saker ved årsskiftet',
      open_at_year_end_by_unit: 'Åpne saker ved årsskiftet, per enhet',
      open_at_year_end_by_sector: 'Åpne saker ved årsskiftet, per sektor',
      closures: 'Avslutninger',
      closures_by_reason: 'Avslutninger etter grunn',
      cases_extended: 'Saker forlenget etter 18 år',
    },
    key: {
      total: 'i alt',
      late: 'for sent',
      granted: 'innvilget',
      refused: 'avslått',
      cases: 'saker',
      median: 'median',
      p90: '9 av 10 saker innen',
    },
    noUnit: '(ingen enhet)',
  },
  complaintOutcome: {
    reversed_by_ke: 'omgjort av KE',
    forwarded_to_statsforvalteren: 'sendt til Statsforvalteren',
    upheld_by_statsforvalteren: 'stadfestet av Statsforvalteren',
    overturned_by_statsforvalteren: 'omgjort av Statsforvalteren',
  },
  closureReason: {
    age_limit: 'fylt 18 år',
    consent_withdrawn: 'samtykket trukket tilbake',
    moved_away: 'flyttet',
    need_ended: 'behovet er slutt',
    child_died: 'barnet døde',
    other: 'annet',
  },
  sector: {
    health: 'helse',
    childhood: 'oppvekst',
    welfare: 'velferd',
    other: 'annet',
  },
};

/** The shape every catalogue has: the same keys as nb, each a text. */
export type Catalogue = { [K in keyof typeof nb]: Shape<(typeof nb)[K]> };
type Shape<T> = T extends string ? string : { [K in keyof T]: Shape<T[K]> };
