/** The frame of every page: skip link, header with the navigation the person's roles allow, and main. */
import { Button, Link, Paragraph, SkipLink } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { msg, t } from '../i18n';
import { useSession, type Role } from '../session';
import { LanguageChoice } from './LanguageChoice';

interface NavItem {
  to: string;
  text: string;
  roles: Role[];
}

export const NAV: NavItem[] = [
  { to: '/arbeidsliste', text: msg('Arbeidsliste'), roles: ['ke'] },
  { to: '/mine-saker', text: msg('Mine saker'), roles: ['coordinator'] },
  { to: '/saker', text: msg('Saker'), roles: ['ke'] },
  { to: '/ny-henvendelse', text: msg('Ny henvendelse'), roles: ['ke'] },
  { to: '/innboks', text: msg('Innboks'), roles: ['ke', 'coordinator'] },
  { to: '/register', text: msg('Register'), roles: ['ke'] },
  { to: '/brukere', text: msg('Brukere'), roles: ['ke'] },
  { to: '/oversikt', text: msg('Oversikt'), roles: ['ke', 'leader'] },
  { to: '/innstillinger', text: msg('Innstillinger'), roles: ['admin'] },
];

export function Layout({ children }: { children: ReactNode }) {
  const { session, hasRole, logout } = useSession();
  const items = NAV.filter((item) => item.roles.some(hasRole));
  return (
    <>
      <SkipLink href="#main">{t('Hopp til hovedinnhold')}</SkipLink>
      <header className="bk-header">
        <div className="bk-header__top">
          <Link asChild className="bk-header__name">
            <NavLink to="/">{t('Barnekoordinator')}</NavLink>
          </Link>
          <div className="bk-header__user">
            <Paragraph data-size="sm">
              {session.name} {session.municipality && <span className="bk-muted">· {t('kommune {{number}}', { number: session.municipality })}</span>}
            </Paragraph>
            <LanguageChoice />
            <Button variant="secondary" data-size="sm" onClick={() => void logout()}>
              {t('Logg ut')}
            </Button>
          </div>
        </div>
        {items.length > 0 && (
          <nav aria-label={t('Hovedmeny')} className="bk-nav">
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} className="bk-nav__link">
                    {t(item.text)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" className="bk-page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
