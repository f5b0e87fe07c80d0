import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useParams } from 'react-router';
import { usePageTitle } from '../../hooks/usePageTitle';

/** Placeholder until the case page is built. */
export function CasePage() {
  const { id } = useParams();
  usePageTitle('Sak');
  return (
    <>
      <Heading level={1} data-size="lg">
        Sak
      </Heading>
      <Paragraph>{id}</Paragraph>
    </>
  );
}
