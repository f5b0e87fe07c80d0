import { Heading } from '@digdir/designsystemet-react';
import { usePageTitle } from '../hooks/usePageTitle';

export function Oversikt() {
  usePageTitle('Oversikt');
  return (
    <Heading level={1} data-size="lg">
      Oversikt
    </Heading>
  );
}
