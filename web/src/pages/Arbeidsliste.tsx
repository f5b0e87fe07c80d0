import { Heading } from '@digdir/designsystemet-react';
import { usePageTitle } from '../hooks/usePageTitle';

export function Arbeidsliste() {
  usePageTitle('Arbeidsliste');
  return (
    <Heading level={1} data-size="lg">
      Arbeidsliste
    </Heading>
  );
}
