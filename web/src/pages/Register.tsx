/** KE's registry: service units and coordinators with their caseload, and a coordinator's absence. */
import { Heading } from '@digdir/designsystemet-react';
import { api } from '../api';
import { usePageTitle } from '../hooks/usePageTitle';
import { useQuery } from '../hooks/useQuery';
import { useRegistry } from '../hooks/useRegistry';
import { t } from '../i18n';
import { CoordinatorsSection } from './register/CoordinatorsSection';
import { UnitsSection } from './register/UnitsSection';

export function Register() {
  usePageTitle(t('Register'));
  const registry = useRegistry();
  const caseload = useQuery('caseload', () => api.GET('/ke/caseload'));
  return (
    <>
      <Heading level={1} data-size="lg">
        {t('Register')}
      </Heading>
      <UnitsSection registry={registry} caseload={caseload.data} onChange={() => void caseload.reload()} />
      <CoordinatorsSection registry={registry} caseload={caseload.data} onChange={() => void caseload.reload()} />
    </>
  );
}
