/** The in-app inbox: KE's reminders, or a coordinator's; unread ones first marked, each can be marked read. */
import { Alert, Button, Heading, Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { api, callApi, problemText, type paths } from '../api';
import { Pager } from '../components/Pager';
import { QueryState } from '../components/QueryState';
import { usePageTitle } from '../hooks/usePageTitle';
import { POLL_MS, useQuery } from '../hooks/useQuery';
import { t } from '../i18n';
import { useSession } from '../session';
import { deadlineText, formatDateTime } from '../texts';

const LIMIT = 50;
type Reminder = paths['/ke/reminders']['get']['responses'][200]['content']['application/json']['reminders'][number] & { readAt?: string | null };

export function Innboks() {
  usePageTitle(t('Innboks'));
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
    if (error) setFailure(t('Kunne ikke merke «{{subject}}» som lest. {{problem}}', { subject: reminder.subject, problem: problemText(error) }));
    await reminders.reload();
  };

  const list = (reminders.data?.reminders ?? []) as Reminder[];
  const unread = list.filter((r) => !r.readAt).length;
  return (
    <>
      <Heading level={1} data-size="lg">
        {t('Innboks')}
      </Heading>
      {!asKe && coordinatorId === null && <Paragraph>{t('Du er ikke registrert som barnekoordinator ennå, så du har ingen innboks.')}</Paragraph>}
      <QueryState loading={reminders.loading && !reminders.data} error={reminders.error} what={t('innboksen')} />
      {failure && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      {reminders.data && (
        <>
          <Paragraph aria-live="polite">{list.length === 0 ? t('Ingen påminnelser.') : t('{{unread}} uleste av {{count}} på denne siden', { unread, count: list.length })}</Paragraph>
          {list.length > 0 && (
            <div className="bk-table-wrap">
              <Table zebra>
                <caption className="bk-visually-hidden">{t('Påminnelser, nyeste først')}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('Emne')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('Frist')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('Forfaller')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('Mottatt')}</Table.HeaderCell>
                    <Table.HeaderCell>
                      <span className="bk-visually-hidden">{t('Handling')}</span>
                    </Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {list.map((r) => (
                    <Table.Row key={r.reminderKey} className={r.readAt ? undefined : 'bk-unread'}>
                      <Table.Cell>
                        {!r.readAt && (
                          <Tag data-color="info" data-size="sm">
                            {t('Ulest')}
                          </Tag>
                        )}{' '}
                        {r.level === 'escalation' && (
                          <Tag data-color="danger" data-size="sm">
                            {t('Eskalert')}
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
                          <span className="bk-muted">{t('Lest {{date}}', { date: formatDateTime(r.readAt) })}</span>
                        ) : (
                          <Button variant="secondary" data-size="sm" loading={busy === r.reminderKey} aria-label={t('Merk som lest: {{subject}}', { subject: r.subject })} onClick={() => void markRead(r)}>
                            {t('Merk som lest')}
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
