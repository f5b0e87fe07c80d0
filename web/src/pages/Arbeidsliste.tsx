/** KE's worklist: what is overdue or due soon across every open case, cases nobody coordinates, letters to see delivered, and unread reminders. */
import { Button, Heading, Link, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { type paths } from '../api';
import { worklistKey, worklistRead } from '../prefetch';
import { caseName } from '../components/CaseTable';
import { QueryState } from '../components/QueryState';
import { SelectField } from '../components/SelectField';
import { OverdueTag, StatusTag } from '../components/StatusTag';
import { usePageTitle } from '../hooks/usePageTitle';
import { POLL_MS, useQuery } from '../hooks/useQuery';
import { useRegistry } from '../hooks/useRegistry';
import { t } from '../i18n';
import { DEADLINE_TEXT, deadlineText, formatDate, formatDateTime, reasonWithoutCoordinatorText } from '../texts';
import { LettersToDeliver } from './arbeidsliste/LettersToDeliver';
import { UnreadReminders } from './arbeidsliste/UnreadReminders';

/** Rows drawn at first: the page is usable sooner, and the rest are one click away. */
const FIRST_ROWS = 50;

type DeadlineKind = NonNullable<NonNullable<paths['/ke/worklist']['get']['parameters']['query']>['kind']>;

export function Arbeidsliste() {
  usePageTitle(t('Arbeidsliste'));
  const registry = useRegistry();
  const [kind, setKind] = useState('');
  const [responsible, setResponsible] = useState('');
  const [days, setDays] = useState('7');
  const dueWithinDays = /^\d{1,3}$/.test(days) && Number(days) <= 366 ? Number(days) : undefined;
  const worklist = useQuery(worklistKey(kind, responsible, dueWithinDays), () => worklistRead(dueWithinDays ?? 7, (kind || undefined) as DeadlineKind | undefined, responsible || undefined), {
    pollMs: POLL_MS,
  });

  const responsibleText = (r: string) => {
    if (r === 'ke') return t('Koordinerende enhet');
    if (r.startsWith('coordinator:')) return registry.coordinatorName(r.slice('coordinator:'.length)) || t('Barnekoordinator');
    if (r.startsWith('caseworker:')) return t('Saksbehandler {{id}}', { id: r.slice('caseworker:'.length) });
    return r;
  };
  const data = worklist.data;
  const [allRows, setAllRows] = useState(false);
  const deadlines = data ? (allRows ? data.deadlines : data.deadlines.slice(0, FIRST_ROWS)) : [];

  return (
    <>
      <Heading level={1} data-size="lg">
        {t('Arbeidsliste')}
      </Heading>
      <div className="bk-filters" role="group" aria-label={t('Filtre for fristene')}>
        <SelectField
          label={t('Frist')}
          emptyText={t('Alle frister')}
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          options={Object.entries(DEADLINE_TEXT).map(([value, text]) => ({ value, text: t(text) }))}
        />
        <SelectField
          label={t('Ansvarlig')}
          emptyText={t('Alle')}
          value={responsible}
          onChange={(e) => setResponsible(e.target.value)}
          options={[{ value: 'ke', text: t('Koordinerende enhet') }, ...registry.coordinators.map((c) => ({ value: `coordinator:${c.id}`, text: c.name }))]}
        />
        <Textfield
          label={t('Forfaller innen (dager)')}
          inputMode="numeric"
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={dueWithinDays === undefined ? t('Skriv et tall fra 0 til 366') : undefined}
        />
      </div>
      <QueryState loading={worklist.loading && !data} error={worklist.error} what={t('arbeidslisten')} />
      {data && (
        <>
          <section aria-labelledby="frister">
            <Heading level={2} data-size="md" id="frister">
              {t('Frister ({{count}})', { count: data.deadlines.length })}
            </Heading>
            {data.deadlines.length === 0 ? (
              <Paragraph>{t('Ingen frister som har gått ut eller forfaller innen {{days}} dager.', { days: dueWithinDays ?? 7 })}</Paragraph>
            ) : (
              <div className="bk-table-wrap">
                <Table zebra>
                  <caption className="bk-visually-hidden">{t('Frister som har gått ut eller forfaller snart, tidligste først')}</caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t('Barn')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('Frist')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('Forfaller')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('Ansvarlig')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('Status i saken')}</Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {deadlines.map((d) => (
                      <Table.Row key={`${d.caseId}:${d.kind}:${d.since}`}>
                        <Table.Cell>
                          <Link asChild>
                            <RouterLink to={`/saker/${d.caseId}`}>{caseName({ id: d.caseId, child: d.child })}</RouterLink>
                          </Link>
                        </Table.Cell>
                        <Table.Cell>{deadlineText(d.kind)}</Table.Cell>
                        <Table.Cell>
                          {formatDateTime(d.dueAt)} <OverdueTag overdue={d.overdue} />
                        </Table.Cell>
                        <Table.Cell>{responsibleText(d.responsible)}</Table.Cell>
                        <Table.Cell>
                          <StatusTag status={d.caseStatus} />
                        </Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
            )}
            {deadlines.length < data.deadlines.length && (
              <Button variant="secondary" onClick={() => setAllRows(true)}>
                {t('Vis alle {{count}} fristene', { count: data.deadlines.length })}
              </Button>
            )}
            {data.truncated.deadlines && <Paragraph>{t('Listen er kortet ned. Snevre inn filtrene for å se resten.')}</Paragraph>}
          </section>
          <section aria-labelledby="uten-koordinator">
            <Heading level={2} data-size="md" id="uten-koordinator">
              {t('Saker uten koordinator ({{count}})', { count: data.casesWithoutCoordinator.length })}
            </Heading>
            {data.casesWithoutCoordinator.length === 0 ? (
              <Paragraph>{t('Alle innvilgede saker har en koordinator.')}</Paragraph>
            ) : (
              <div className="bk-table-wrap">
                <Table zebra>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t('Barn')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('Hvorfor')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('Tjenestested')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('Oppnevnes innen')}</Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {data.casesWithoutCoordinator.map((c) => (
                      <Table.Row key={c.caseId}>
                        <Table.Cell>
                          <Link asChild>
                            <RouterLink to={`/saker/${c.caseId}`}>{caseName({ id: c.caseId, child: c.child })}</RouterLink>
                          </Link>
                        </Table.Cell>
                        <Table.Cell>{reasonWithoutCoordinatorText(c.reason)}</Table.Cell>
                        <Table.Cell>{registry.unitName(c.unitId)}</Table.Cell>
                        <Table.Cell>
                          {c.dueAt ? (
                            <>
                              {formatDate(c.dueAt)} <OverdueTag overdue={c.overdue} />
                            </>
                          ) : (
                            ''
                          )}
                        </Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
            )}
          </section>
          {(kind === '' && (responsible === '' || responsible === 'ke')) && <LettersToDeliver letters={data.lettersToDeliver} truncated={data.truncated.lettersToDeliver} />}
        </>
      )}
      <UnreadReminders />
    </>
  );
}
