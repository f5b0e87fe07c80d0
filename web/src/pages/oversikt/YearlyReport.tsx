import { Heading, Link, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api } from '../../api';
import { QueryState } from '../../components/QueryState';
import { SelectField } from '../../components/SelectField';
import { useQuery } from '../../hooks/useQuery';
import { msg, t } from '../../i18n';
import { osloToday } from '../case/labels';

const CLOSURE_TEXT: Record<string, string> = {
  age_limit: msg('Aldersgrensen nådd'),
  consent_withdrawn: msg('Samtykke trukket'),
  moved_away: msg('Flyttet'),
  need_ended: msg('Behovet er borte'),
  child_died: msg('Barnet døde'),
  other: msg('Annet'),
};

const days = (d: { cases: number; medianDays: number | null; p90Days: number | null }) =>
  d.cases === 0 ? t('Ingen saker') : t('median {{median}} dager, 90 % innen {{p90}} dager ({{cases}} saker)', { median: d.medianDays ?? '–', p90: d.p90Days ?? '–', cases: d.cases });

/** The yearly report to the sector heads, and the same figures as CSV. */
export function YearlyReport() {
  const thisYear = Number(osloToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const report = useQuery(`yearly:${year}`, () => api.GET('/ke/reports/yearly', { params: { query: { year, format: 'json' } } }));
  // The route answers CSV too; asked for JSON, it is the object.
  const r = typeof report.data === 'object' ? report.data : undefined;
  const rows: [string, string | number][] = r
    ? [
        [t('Henvendelser mottatt'), r.requestsReceived],
        [t('Innvilget'), r.decisions.granted],
        [t('Avslått'), r.decisions.refused],
        [t('Tid fra henvendelse til avgjørelse'), days(r.daysToFirstDecision)],
        [t('Tid fra henvendelse til oppnevning'), days(r.daysToFirstAppointment)],
        [t('Klager mottatt'), r.complaints.received],
        [t('Klager mottatt etter fristen'), r.complaints.late],
        [t('Omgjort av koordinerende enhet'), r.complaints.outcomes.reversed_by_ke],
        [t('Sendt til Statsforvalteren'), r.complaints.outcomes.forwarded_to_statsforvalteren],
        [t('Stadfestet av Statsforvalteren'), r.complaints.outcomes.upheld_by_statsforvalteren],
        [t('Omgjort av Statsforvalteren'), r.complaints.outcomes.overturned_by_statsforvalteren],
        [t('Åpne saker ved årets slutt'), r.openAtYearEnd.total],
        [t('Saker avsluttet'), r.closures.total],
        ...Object.entries(r.closures.byReason).map(([reason, n]): [string, number] => [t('Avsluttet: {{reason}}', { reason: CLOSURE_TEXT[reason] ? t(CLOSURE_TEXT[reason]) : reason }), n]),
        [t('Saker forlenget etter 18 år'), r.casesExtended],
      ]
    : [];
  return (
    <section aria-labelledby="arsrapport">
      <Heading level={2} data-size="md" id="arsrapport">
        {t('Årsrapport')}
      </Heading>
      <div className="bk-filters">
        <SelectField label={t('År')} value={String(year)} onChange={(e) => setYear(Number(e.target.value))} options={Array.from({ length: 6 }, (_, i) => ({ value: String(thisYear - i), text: String(thisYear - i) }))} />
        <Link href={`/ke/reports/yearly?year=${year}&format=csv`} download={`arsrapport-${year}.csv`}>
          {t('Last ned årsrapporten for {{year}} (CSV)', { year })}
        </Link>
      </div>
      <QueryState loading={report.loading && !r} error={report.error} what={t('årsrapporten')} />
      {r && (
        <div className="bk-table-wrap">
          <Table zebra>
            <caption className="bk-visually-hidden">{t('Årsrapport {{year}}', { year: r.year })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('Tall')}</Table.HeaderCell>
                <Table.HeaderCell>{r.year}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.map(([label, value]) => (
                <Table.Row key={label}>
                  <Table.HeaderCell scope="row">{label}</Table.HeaderCell>
                  <Table.Cell>{value}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}
