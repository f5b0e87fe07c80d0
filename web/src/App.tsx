import { Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { RequireRole } from './components/RequireRole';
import { usePageTitle } from './hooks/usePageTitle';
import { t } from './i18n';
import { NotFound } from './pages/NotFound';
import { SessionProvider, useSession } from './session';

// Each page is its own chunk, loaded when first opened: the first page loads only what it needs.
const load = {
  casePage: () => import('./pages/case/CasePage').then((m) => ({ default: m.CasePage })),
  arbeidsliste: () => import('./pages/Arbeidsliste').then((m) => ({ default: m.Arbeidsliste })),
  innboks: () => import('./pages/Innboks').then((m) => ({ default: m.Innboks })),
  mineSaker: () => import('./pages/MineSaker').then((m) => ({ default: m.MineSaker })),
  nyHenvendelse: () => import('./pages/NyHenvendelse').then((m) => ({ default: m.NyHenvendelse })),
  oversikt: () => import('./pages/Oversikt').then((m) => ({ default: m.Oversikt })),
  register: () => import('./pages/Register').then((m) => ({ default: m.Register })),
  saker: () => import('./pages/Saker').then((m) => ({ default: m.Saker })),
  brukere: () => import('./pages/Brukere').then((m) => ({ default: m.Brukere })),
  innstillinger: () => import('./pages/Innstillinger').then((m) => ({ default: m.Innstillinger })),
};
const CasePage = lazy(load.casePage);
const Arbeidsliste = lazy(load.arbeidsliste);
const Innboks = lazy(load.innboks);
const MineSaker = lazy(load.mineSaker);
const NyHenvendelse = lazy(load.nyHenvendelse);
const Oversikt = lazy(load.oversikt);
const Register = lazy(load.register);
const Saker = lazy(load.saker);
const Brukere = lazy(load.brukere);
const Innstillinger = lazy(load.innstillinger);

const FIRST_PAGE: [RegExp, () => Promise<unknown>][] = [
  [/^\/arbeidsliste$/, load.arbeidsliste],
  [/^\/saker\/[^/]+$/, load.casePage],
  [/^\/saker$/, load.saker],
  [/^\/mine-saker$/, load.mineSaker],
  [/^\/innboks$/, load.innboks],
  [/^\/oversikt$/, load.oversikt],
  [/^\/register$/, load.register],
  [/^\/ny-henvendelse$/, load.nyHenvendelse],
  [/^\/brukere$/, load.brukere],
  [/^\/innstillinger$/, load.innstillinger],
];

/** Starts loading the code of the page at this path while the session is asked for, not after. */
export function preloadPage(pathname: string): void {
  const found = FIRST_PAGE.find(([path]) => path.test(pathname));
  found?.[1]().catch(() => undefined);
}

function Home() {
  const { hasRole } = useSession();
  if (hasRole('ke')) return <Navigate to="/arbeidsliste" replace />;
  if (hasRole('coordinator')) return <Navigate to="/mine-saker" replace />;
  if (hasRole('leader')) return <Navigate to="/oversikt" replace />;
  if (hasRole('admin')) return <Navigate to="/innstillinger" replace />;
  return <NothingHere />;
}

function NothingHere() {
  usePageTitle(t('Forside'));
  return (
    <>
      <Heading level={1} data-size="lg">
        {t('Barnekoordinator')}
      </Heading>
      <Paragraph>{t('Rollen din har ingen sider i denne appen.')}</Paragraph>
    </>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Layout>
          <Suspense fallback={<Spinner aria-label={t('Henter siden')} />}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/arbeidsliste" element={<RequireRole roles={['ke']}><Arbeidsliste /></RequireRole>} />
            <Route path="/saker" element={<RequireRole roles={['ke']}><Saker /></RequireRole>} />
            <Route path="/saker/:id" element={<RequireRole roles={['ke', 'coordinator']}><CasePage /></RequireRole>} />
            <Route path="/ny-henvendelse" element={<RequireRole roles={['ke']}><NyHenvendelse /></RequireRole>} />
            <Route path="/register" element={<RequireRole roles={['ke']}><Register /></RequireRole>} />
            <Route path="/brukere" element={<RequireRole roles={['ke']}><Brukere /></RequireRole>} />
            <Route path="/innstillinger" element={<RequireRole roles={['admin']}><Innstillinger /></RequireRole>} />
            <Route path="/oversikt" element={<RequireRole roles={['ke', 'leader']}><Oversikt /></RequireRole>} />
            <Route path="/innboks" element={<RequireRole roles={['ke', 'coordinator']}><Innboks /></RequireRole>} />
            <Route path="/mine-saker" element={<RequireRole roles={['coordinator']}><MineSaker /></RequireRole>} />
            <Route path="*" element={<NotFound />} />
          </Routes>
          </Suspense>
        </Layout>
      </SessionProvider>
    </BrowserRouter>
  );
}
