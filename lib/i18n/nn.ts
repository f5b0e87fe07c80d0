/** Texts in nynorsk: the same keys as nb.ts (the type says so), spell-checked against nynorsk word lists. */
import type { Catalogue } from './nb';

export const nn: Catalogue = {
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
