import { Heading } from '@digdir/designsystemet-react';
import { usePageTitle } from '../hooks/usePageTitle';

export function MineSaker() {
  usePageTitle('MineSaker');
  return (
    <Heading level={1} data-size="lg">
      MineSaker
    </Heading>
  );
}
