import { Heading } from '@digdir/designsystemet-react';
import { usePageTitle } from '../hooks/usePageTitle';

export function NyHenvendelse() {
  usePageTitle('NyHenvendelse');
  return (
    <Heading level={1} data-size="lg">
      NyHenvendelse
    </Heading>
  );
}
