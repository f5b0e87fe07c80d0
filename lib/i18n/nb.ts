/**
 * Texts in bokmål: the source catalogue. nn.ts must have the same keys (the compiler and
 * test/unit/i18n.test.ts check it), and both are spell-checked against Norwegian word lists.
 * i18next plurals use the suffixes _one and _other; {{…}} are values put in.
 */
export const nb = {
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
