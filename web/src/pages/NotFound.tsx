import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { usePageTitle } from '../hooks/usePageTitle';
import { t } from '../i18n';

/** A page or a case that does not exist, or (for a case) one the person may not see: the API answers both with 404. */
export function NotFound({ what = 'page' }: { what?: 'page' | 'case' }) {
  const title = what === 'case' ? t('Fant ikke saken') : t('Fant ikke siden');
  usePageTitle(title);
  return (
    <>
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      <Paragraph>
        {what === 'case'
          ? t('Saken finnes ikke, eller du har ikke tilgang til den.')
          : t('Adressen finnes ikke. Kanskje lenken er gammel, eller det er en skrivefeil i adressen.')}
      </Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to="/">{t('Gå til forsiden')}</RouterLink>
        </Link>
      </Paragraph>
    </>
  );
}
