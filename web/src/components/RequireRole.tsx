import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { usePageTitle } from '../hooks/usePageTitle';
import { t } from '../i18n';
import { useSession, type Role } from '../session';

/** Shows the page to the roles it is for; the API refuses the others anyway, this only says so kindly. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { hasRole } = useSession();
  if (roles.some(hasRole)) return children;
  return <NoAccess />;
}

function NoAccess() {
  usePageTitle(t('Ingen tilgang'));
  return (
    <>
      <Heading level={1} data-size="lg">
        {t('Ingen tilgang')}
      </Heading>
      <Alert data-color="warning">
        <Paragraph>{t('Rollen din gir ikke tilgang til denne siden.')}</Paragraph>
      </Alert>
    </>
  );
}
