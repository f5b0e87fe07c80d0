/** The overview for KE and the heads of units: open cases per coordinator and unit, and the yearly report. No case data. */
import { Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { api } from '../api';
import { QueryState } from '../components/QueryState';
import { usePageTitle } from '../hooks/usePageTitle';
import { POLL_MS, useQuery } from '../hooks/useQuery';
import { SECTOR_TEXT } from '../texts';
import { YearlyReport } from './oversikt/YearlyReport';

export function Oversikt() {
  usePageTitle('Oversikt');
  const caseload = useQuery('caseload', () => api.GET('/ke/caseload'), { pollMs: POLL_MS });
  const data = caseload.data;
  const unitName = new Map((data?.units ?? []).map((u) => [u.unitId, u.name]));
  return (
    <>
      <Heading level={1} data-size="lg">
        Oversikt
      </Heading>
      <QueryState loading={caseload.loading && !data} error={caseload.error} what="saksmengden" />
      {data && (
        <>
          <section aria-labelledby="totalt">
            <Heading level={2} data-size="md" id="totalt">
              Åpne saker
            </Heading>
            <Paragraph>
              {data.totals.openCases} åpne saker: {data.totals.appointed} med barnekoordinator, {data.totals.notAppointed} uten.
            </Paragraph>
          </section>
          <section aria-labelledby="per-koordinator">
            <Heading level={2} data-size="md" id="per-koordinator">
              Per barnekoordinator
            </Heading>
            <div className="bk-table-wrap">
              <Table zebra>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>Koordinator</Table.HeaderCell>
                    <Table.HeaderCell>Tjenestested</Table.HeaderCell>
                    <Table.HeaderCell>Oppnevnt i</Table.HeaderCell>
                    <Table.HeaderCell>Stedfortreder i</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {data.coordinators.map((c) => (
                    <Table.Row key={c.coordinatorId}>
                      <Table.Cell>{c.name}</Table.Cell>
                      <Table.Cell>{unitName.get(c.unitId) ?? ''}</Table.Cell>
                      <Table.Cell>{c.appointed}</Table.Cell>
                      <Table.Cell>{c.substituting}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          </section>
          <section aria-labelledby="per-enhet">
            <Heading level={2} data-size="md" id="per-enhet">
              Per tjenestested
            </Heading>
            <div className="bk-table-wrap">
              <Table zebra>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>Tjenestested</Table.HeaderCell>
                    <Table.HeaderCell>Sektor</Table.HeaderCell>
                    <Table.HeaderCell>Åpne saker</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {data.units.map((u) => (
                    <Table.Row key={u.unitId}>
                      <Table.Cell>{u.name}</Table.Cell>
                      <Table.Cell>{SECTOR_TEXT[u.sector] ?? u.sector}</Table.Cell>
                      <Table.Cell>{u.openCases}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          </section>
        </>
      )}
      <YearlyReport />
    </>
  );
}
