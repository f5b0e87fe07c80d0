import { Heading } from '@digdir/designsystemet-react';
import { usePageTitle } from '../hooks/usePageTitle';

export function Innboks() {
  usePageTitle('Innboks');
  return (
    <Heading level={1} data-size="lg">
      Innboks
    </Heading>
  );
}
