/** The in-app inbox: KE's reminders, or a coordinator's; unread ones first marked, each can be marked read. */
import { Alert, Button, Heading, Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { api, callApi, problemText, type paths } from '../api';
import { Pager } from '../components/Pager';
import { QueryState } from '../components/QueryState';
import { usePageTitle } from '../hooks/usePageTitle';
import { POLL_MS, useQuery } from '../hooks/useQuery';
import { useSession } from '../session';
import { deadlineText, formatDateTime } from '../texts';

const LIMIT = 50;
type Reminder = paths['/ke/reminders']['get']['responses'][200]['content']['application/json']['reminders'][number] & { readAt?: string | null };

export function Innboks() {
  usePageTitle('Innboks');
  const { session, hasRole } = useSession();
  const asKe = hasRole('ke');
  const coordinatorId = session.coordinatorId;
  const [offset, setOffset] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const reminders = useQuery(
    `inbox:${asKe}:${coordinatorId}:${offset}`,
    () =>
      asKe
        ? api.GET('/ke/reminders', { params: { query: { limit: LIMIT, offset } } })
        : api.GET('/coordinators/{id}/reminders', { params: { path: { id: coordinatorId ?? '' }, query: { limit: LIMIT, offset } } }),
    { pollMs: POLL_MS, enabled: asKe || coordinatorId !== null },
  );

  const markRead = async (reminder: Reminder) => {
    setBusy(reminder.reminderKey);
    setFailure(null);
    const key = encodeURIComponent(reminder.reminderKey);
    const path = asKe ? `/ke/reminders/${key}/read` : `/coordinators/${coordinatorId}/reminders/${key}/read`;
    const { error } = await callApi('POST', path);
    setBusy(null);
    if (error) setFailure(`Kunne ikke merke «${reminder.subject}» som lest. ${problemText(error)}`);
    await reminders.reload();
  };

  const list = (reminders.data?.reminders ?? []) as Reminder[];
  const unread = list.filter((r) => !r.readAt).length;
  return (
    <>
      <Heading level={1} data-size="lg">
        Innboks
      </Heading>
      {!asKe && coordinatorId === null && <Paragraph>Du er ikke registrert som barnekoordinator ennå, så du har ingen innboks.</Paragraph>}
      <QueryState loading={reminders.loading && !reminders.data} error={reminders.error} what="innboksen" />
      {failure && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      {reminders.data && (
        <>
          <Paragraph aria-live="polite">{list.length === 0 ? 'Ingen påminnelser.' : `${unread} uleste av ${list.length} på denne siden`}</Paragraph>
          {list.length > 0 && (
            <div className="bk-table-wrap">
              <Table zebra>
                <caption className="bk-visually-hidden">Påminnelser, nyeste først</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>Emne</Table.HeaderCell>
                    <Table.HeaderCell>Frist</Table.HeaderCell>
                    <Table.HeaderCell>Forfaller</Table.HeaderCell>
                    <Table.HeaderCell>Mottatt</Table.HeaderCell>
                    <Table.HeaderCell>
                      <span className="bk-visually-hidden">Handling</span>
                    </Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {list.map((r) => (
                    <Table.Row key={r.reminderKey} className={r.readAt ? undefined : 'bk-unread'}>
                      <Table.Cell>
                        {!r.readAt && (
                          <Tag data-color="info" data-size="sm">
                            Ulest
                          </Tag>
                        )}{' '}
                        {r.level === 'escalation' && (
                          <Tag data-color="danger" data-size="sm">
                            Eskalert
                          </Tag>
                        )}{' '}
                        <Link asChild>
                          <RouterLink to={`/saker/${r.caseId}`}>{r.subject}</RouterLink>
                        </Link>
                      </Table.Cell>
                      <Table.Cell>{deadlineText(r.kind)}</Table.Cell>
                      <Table.Cell>{formatDateTime(r.dueAt)}</Table.Cell>
                      <Table.Cell>{formatDateTime(r.createdAt)}</Table.Cell>
                      <Table.Cell>
                        {r.readAt ? (
                          <span className="bk-muted">Lest {formatDateTime(r.readAt)}</span>
                        ) : (
                          <Button variant="secondary" data-size="sm" loading={busy === r.reminderKey} aria-label={`Merk som lest: ${r.subject}`} onClick={() => void markRead(r)}>
                            Merk som lest
                          </Button>
                        )}
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          )}
          <Pager total={reminders.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />
        </>
      )}
    </>
  );
}
