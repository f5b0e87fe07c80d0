/** The overview for KE and the heads of units: open cases per coordinator and unit, and the yearly report. No case data. */
import { Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { api } from '../api';
import { QueryState } from '../components/QueryState';
import { usePageTitle } from '../hooks/usePageTitle';
import { POLL_MS, useQuery } from '../hooks/useQuery';
import { t } from '../i18n';
import { sectorText } from '../texts';
import { YearlyReport } from './oversikt/YearlyReport';

export function Oversikt() {
  usePageTitle(t('Oversikt'));
  const caseload = useQuery('caseload', () => api.GET('/ke/caseload'), { pollMs: POLL_MS });
  const data = caseload.data;
  const unitName = new Map((data?.units ?? []).map((u) => [u.unitId, u.name]));
  return (
    <>
      <Heading level={1} data-size="lg">
        {t('Oversikt')}
      </Heading>
      <QueryState loading={caseload.loading && !data} error={caseload.error} what={t('saksmengden')} />
      {data && (
        <>
          <section aria-labelledby="totalt">
            <Heading level={2} data-size="md" id="totalt">
              {t('Åpne saker')}
            </Heading>
            <Paragraph>
              {t('{{open}} åpne saker: {{appointed}} med barnekoordinator, {{notAppointed}} uten.', { open: data.totals.openCases, appointed: data.totals.appointed, notAppointed: data.totals.notAppointed })}
            </Paragraph>
          </section>
          <section aria-labelledby="per-koordinator">
            <Heading level={2} data-size="md" id="per-koordinator">
              {t('Per barnekoordinator')}
            </Heading>
            <div className="bk-table-wrap">
              <Table zebra>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('Koordinator')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('Tjenestested')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('Oppnevnt i')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('Stedfortreder i')}</Table.HeaderCell>
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
              {t('Per tjenestested')}
            </Heading>
            <div className="bk-table-wrap">
              <Table zebra>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('Tjenestested')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('Sektor')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('Åpne saker')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {data.units.map((u) => (
                    <Table.Row key={u.unitId}>
                      <Table.Cell>{u.name}</Table.Cell>
                      <Table.Cell>{sectorText(u.sector)}</Table.Cell>
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
