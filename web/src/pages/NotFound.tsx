import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { usePageTitle } from '../hooks/usePageTitle';

/** A page or a case that does not exist, or (for a case) one the person may not see: the API answers both with 404. */
export function NotFound({ what = 'page' }: { what?: 'page' | 'case' }) {
  const title = what === 'case' ? 'Fant ikke saken' : 'Fant ikke siden';
  usePageTitle(title);
  return (
    <>
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      <Paragraph>
        {what === 'case'
          ? 'Saken finnes ikke, eller du har ikke tilgang til den.'
          : 'Adressen finnes ikke. Kanskje lenken er gammel, eller det er en skrivefeil i adressen.'}
      </Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to="/">Gå til forsiden</RouterLink>
        </Link>
      </Paragraph>
    </>
  );
}
