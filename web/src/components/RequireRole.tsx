import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { usePageTitle } from '../hooks/usePageTitle';
import { useSession, type Role } from '../session';

/** Shows the page to the roles it is for; the API refuses the others anyway, this only says so kindly. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { hasRole } = useSession();
  if (roles.some(hasRole)) return children;
  return <NoAccess />;
}

function NoAccess() {
  usePageTitle('Ingen tilgang');
  return (
    <>
      <Heading level={1} data-size="lg">
        Ingen tilgang
      </Heading>
      <Alert data-color="warning">
        <Paragraph>Rollen din gir ikke tilgang til denne siden.</Paragraph>
      </Alert>
    </>
  );
}
