/** KE's worklist: what is overdue or due soon across every open case, cases nobody coordinates, and unread reminders. */
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
import { DEADLINE_TEXT, REASON_WITHOUT_COORDINATOR, deadlineText, formatDate, formatDateTime } from '../texts';
import { UnreadReminders } from './arbeidsliste/UnreadReminders';

/** Rows drawn at first: the page is usable sooner, and the rest are one click away. */
const FIRST_ROWS = 50;

type DeadlineKind = NonNullable<NonNullable<paths['/ke/worklist']['get']['parameters']['query']>['kind']>;

export function Arbeidsliste() {
  usePageTitle('Arbeidsliste');
  const registry = useRegistry();
  const [kind, setKind] = useState('');
  const [responsible, setResponsible] = useState('');
  const [days, setDays] = useState('7');
  const dueWithinDays = /^\d{1,3}$/.test(days) && Number(days) <= 366 ? Number(days) : undefined;
  const worklist = useQuery(worklistKey(kind, responsible, dueWithinDays), () => worklistRead(dueWithinDays ?? 7, (kind || undefined) as DeadlineKind | undefined, responsible || undefined), {
    pollMs: POLL_MS,
  });

  const responsibleText = (r: string) => {
    if (r === 'ke') return 'Koordinerende enhet';
    if (r.startsWith('coordinator:')) return registry.coordinatorName(r.slice('coordinator:'.length)) || 'Barnekoordinator';
    if (r.startsWith('caseworker:')) return `Saksbehandler ${r.slice('caseworker:'.length)}`;
    return r;
  };
  const data = worklist.data;
  const [allRows, setAllRows] = useState(false);
  const deadlines = data ? (allRows ? data.deadlines : data.deadlines.slice(0, FIRST_ROWS)) : [];

  return (
    <>
      <Heading level={1} data-size="lg">
        Arbeidsliste
      </Heading>
      <div className="bk-filters" role="group" aria-label="Filtre for fristene">
        <SelectField
          label="Frist"
          emptyText="Alle frister"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          options={Object.entries(DEADLINE_TEXT).map(([value, text]) => ({ value, text }))}
        />
        <SelectField
          label="Ansvarlig"
          emptyText="Alle"
          value={responsible}
          onChange={(e) => setResponsible(e.target.value)}
          options={[{ value: 'ke', text: 'Koordinerende enhet' }, ...registry.coordinators.map((c) => ({ value: `coordinator:${c.id}`, text: c.name }))]}
        />
        <Textfield
          label="Forfaller innen (dager)"
          inputMode="numeric"
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={dueWithinDays === undefined ? 'Skriv et tall fra 0 til 366' : undefined}
        />
      </div>
      <QueryState loading={worklist.loading && !data} error={worklist.error} what="arbeidslisten" />
      {data && (
        <>
          <section aria-labelledby="frister">
            <Heading level={2} data-size="md" id="frister">
              Frister ({data.deadlines.length})
            </Heading>
            {data.deadlines.length === 0 ? (
              <Paragraph>Ingen frister som har gått ut eller forfaller innen {dueWithinDays ?? 7} dager.</Paragraph>
            ) : (
              <div className="bk-table-wrap">
                <Table zebra>
                  <caption className="bk-visually-hidden">Frister som har gått ut eller forfaller snart, tidligste først</caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>Barn</Table.HeaderCell>
                      <Table.HeaderCell>Frist</Table.HeaderCell>
                      <Table.HeaderCell>Forfaller</Table.HeaderCell>
                      <Table.HeaderCell>Ansvarlig</Table.HeaderCell>
                      <Table.HeaderCell>Status i saken</Table.HeaderCell>
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
                Vis alle {data.deadlines.length} fristene
              </Button>
            )}
            {data.truncated.deadlines && <Paragraph>Listen er kortet ned. Snevre inn filtrene for å se resten.</Paragraph>}
          </section>
          <section aria-labelledby="uten-koordinator">
            <Heading level={2} data-size="md" id="uten-koordinator">
              Saker uten koordinator ({data.casesWithoutCoordinator.length})
            </Heading>
            {data.casesWithoutCoordinator.length === 0 ? (
              <Paragraph>Alle innvilgede saker har en koordinator.</Paragraph>
            ) : (
              <div className="bk-table-wrap">
                <Table zebra>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>Barn</Table.HeaderCell>
                      <Table.HeaderCell>Hvorfor</Table.HeaderCell>
                      <Table.HeaderCell>Tjenestested</Table.HeaderCell>
                      <Table.HeaderCell>Oppnevnes innen</Table.HeaderCell>
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
                        <Table.Cell>{REASON_WITHOUT_COORDINATOR[c.reason] ?? c.reason}</Table.Cell>
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
        </>
      )}
      <UnreadReminders />
    </>
  );
}
