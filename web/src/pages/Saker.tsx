import { Heading } from '@digdir/designsystemet-react';
import { usePageTitle } from '../hooks/usePageTitle';

export function Saker() {
  usePageTitle('Saker');
  return (
    <Heading level={1} data-size="lg">
      Saker
    </Heading>
  );
}
