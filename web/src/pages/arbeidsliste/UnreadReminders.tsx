import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { keRemindersRead } from '../../prefetch';
import { QueryState } from '../../components/QueryState';
import { POLL_MS, useQuery } from '../../hooks/useQuery';
import { t } from '../../i18n';
import { formatDateTime } from '../../texts';

const SHOWN = 10;

/** KE's unread reminders, the newest first; the inbox has them all. */
export function UnreadReminders() {
  const reminders = useQuery('ke-reminders', keRemindersRead, { pollMs: POLL_MS });
  const unread = (reminders.data?.reminders ?? []).filter((r) => !(r as { readAt?: string | null }).readAt);
  return (
    <section aria-labelledby="ulest">
      <Heading level={2} data-size="md" id="ulest">
        {t('Uleste påminnelser ({{count}})', { count: unread.length })}
      </Heading>
      <QueryState loading={reminders.loading && !reminders.data} error={reminders.error} what={t('påminnelsene')} />
      {reminders.data && unread.length === 0 && <Paragraph>{t('Ingen uleste påminnelser.')}</Paragraph>}
      {unread.length > 0 && (
        <ul className="bk-list">
          {unread.slice(0, SHOWN).map((r) => (
            <li key={r.reminderKey}>
              <Link asChild>
                <RouterLink to={`/saker/${r.caseId}`}>{r.subject}</RouterLink>
              </Link>{' '}
              <span className="bk-muted">{t('· frist {{date}}', { date: formatDateTime(r.dueAt) })}</span>
            </li>
          ))}
        </ul>
      )}
      {unread.length > 0 && (
        <Paragraph>
          <Link asChild>
            <RouterLink to="/innboks">{t('Alle påminnelser i innboksen')}</RouterLink>
          </Link>
        </Paragraph>
      )}
    </section>
  );
}
