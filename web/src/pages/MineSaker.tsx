/** A coordinator's own cases: those appointed to them and those they stand in on (the API scopes the list). */
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api } from '../api';
import { CaseTable } from '../components/CaseTable';
import { Pager } from '../components/Pager';
import { QueryState } from '../components/QueryState';
import { usePageTitle } from '../hooks/usePageTitle';
import { POLL_MS, useQuery } from '../hooks/useQuery';
import { t } from '../i18n';
import { useSession } from '../session';

const LIMIT = 25;

export function MineSaker() {
  usePageTitle(t('Mine saker'));
  const { session } = useSession();
  const [offset, setOffset] = useState(0);
  const cases = useQuery(`my-cases:${offset}`, () => api.GET('/cases', { params: { query: { limit: LIMIT, offset, withChild: 'true' } } }), { pollMs: POLL_MS });
  const role = (id: string | null) => (id !== null && id === session.coordinatorId ? t('Koordinator') : t('Stedfortreder'));
  return (
    <>
      <Heading level={1} data-size="lg">
        {t('Mine saker')}
      </Heading>
      {!session.coordinatorId && <Paragraph>{t('Du er ikke registrert som barnekoordinator ennå. Be koordinerende enhet registrere deg.')}</Paragraph>}
      <QueryState loading={cases.loading && !cases.data} error={cases.error} what={t('sakene dine')} />
      {cases.data && (
        <>
          {cases.data.total === 0 ? (
            <Paragraph>{t('Du har ingen saker.')}</Paragraph>
          ) : (
            <CaseTable cases={cases.data.cases} caption={t('Sakene dine')} coordinator={{ header: t('Din rolle'), text: role }} />
          )}
          <Pager total={cases.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />
        </>
      )}
    </>
  );
}
