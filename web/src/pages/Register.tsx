import { Heading } from '@digdir/designsystemet-react';
import { usePageTitle } from '../hooks/usePageTitle';

export function Register() {
  usePageTitle('Register');
  return (
    <Heading level={1} data-size="lg">
      Register
    </Heading>
  );
}
