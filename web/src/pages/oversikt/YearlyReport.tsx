import { Heading, Link, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api } from '../../api';
import { QueryState } from '../../components/QueryState';
import { SelectField } from '../../components/SelectField';
import { useQuery } from '../../hooks/useQuery';
import { osloToday } from '../case/labels';

const CLOSURE_TEXT: Record<string, string> = {
  age_limit: 'Aldersgrensen nådd',
  consent_withdrawn: 'Samtykke trukket',
  moved_away: 'Flyttet',
  need_ended: 'Behovet er borte',
  child_died: 'Barnet døde',
  other: 'Annet',
};

const days = (d: { cases: number; medianDays: number | null; p90Days: number | null }) =>
  d.cases === 0 ? 'Ingen saker' : `median ${d.medianDays ?? '–'} dager, 90 % innen ${d.p90Days ?? '–'} dager (${d.cases} saker)`;

/** The yearly report to the sector heads, and the same figures as CSV. */
export function YearlyReport() {
  const thisYear = Number(osloToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const report = useQuery(`yearly:${year}`, () => api.GET('/ke/reports/yearly', { params: { query: { year, format: 'json' } } }));
  // The route answers CSV too; asked for JSON, it is the object.
  const r = typeof report.data === 'object' ? report.data : undefined;
  const rows: [string, string | number][] = r
    ? [
        ['Henvendelser mottatt', r.requestsReceived],
        ['Innvilget', r.decisions.granted],
        ['Avslått', r.decisions.refused],
        ['Tid fra henvendelse til avgjørelse', days(r.daysToFirstDecision)],
        ['Tid fra henvendelse til oppnevning', days(r.daysToFirstAppointment)],
        ['Klager mottatt', r.complaints.received],
        ['Klager mottatt etter fristen', r.complaints.late],
        ['Omgjort av koordinerende enhet', r.complaints.outcomes.reversed_by_ke],
        ['Sendt til Statsforvalteren', r.complaints.outcomes.forwarded_to_statsforvalteren],
        ['Stadfestet av Statsforvalteren', r.complaints.outcomes.upheld_by_statsforvalteren],
        ['Omgjort av Statsforvalteren', r.complaints.outcomes.overturned_by_statsforvalteren],
        ['Åpne saker ved årets slutt', r.openAtYearEnd.total],
        ['Saker avsluttet', r.closures.total],
        ...Object.entries(r.closures.byReason).map(([reason, n]): [string, number] => [`Avsluttet: ${CLOSURE_TEXT[reason] ?? reason}`, n]),
        ['Saker forlenget etter 18 år', r.casesExtended],
      ]
    : [];
  return (
    <section aria-labelledby="arsrapport">
      <Heading level={2} data-size="md" id="arsrapport">
        Årsrapport
      </Heading>
      <div className="bk-filters">
        <SelectField label="År" value={String(year)} onChange={(e) => setYear(Number(e.target.value))} options={Array.from({ length: 6 }, (_, i) => ({ value: String(thisYear - i), text: String(thisYear - i) }))} />
        <Link href={`/ke/reports/yearly?year=${year}&format=csv`} download={`arsrapport-${year}.csv`}>
          Last ned årsrapporten for {year} (CSV)
        </Link>
      </div>
      <QueryState loading={report.loading && !r} error={report.error} what="årsrapporten" />
      {r && (
        <div className="bk-table-wrap">
          <Table zebra>
            <caption className="bk-visually-hidden">Årsrapport {r.year}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Tall</Table.HeaderCell>
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
