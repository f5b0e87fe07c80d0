import { Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { lazy, Suspense, useState, type ComponentType, type LazyExoticComponent } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { RequireRole } from './components/RequireRole';
import { usePageTitle } from './hooks/usePageTitle';
import { t } from './i18n';
import { NotFound } from './pages/NotFound';
import { SessionProvider, useSession } from './session';

// Each page is its own chunk, loaded when first opened: the first page loads only what it needs.
const load = {
  casePage: () => import('./pages/case/CasePage').then((m) => m.CasePage),
  arbeidsliste: () => import('./pages/Arbeidsliste').then((m) => m.Arbeidsliste),
  innboks: () => import('./pages/Innboks').then((m) => m.Innboks),
  mineSaker: () => import('./pages/MineSaker').then((m) => m.MineSaker),
  nyHenvendelse: () => import('./pages/NyHenvendelse').then((m) => m.NyHenvendelse),
  oversikt: () => import('./pages/Oversikt').then((m) => m.Oversikt),
  register: () => import('./pages/Register').then((m) => m.Register),
  saker: () => import('./pages/Saker').then((m) => m.Saker),
  brukere: () => import('./pages/Brukere').then((m) => m.Brukere),
  innstillinger: () => import('./pages/Innstillinger').then((m) => m.Innstillinger),
};
type PageName = keyof typeof load;

/** Pages whose code is here: they render at once rather than through lazy(). */
const loaded: Partial<Record<PageName, ComponentType>> = {};
const loadPage = (name: PageName) =>
  load[name]().then((page: ComponentType) => {
    loaded[name] = page;
    return { default: page };
  });
const lazyPages = Object.fromEntries((Object.keys(load) as PageName[]).map((name) => [name, lazy(() => loadPage(name))])) as Record<PageName, LazyExoticComponent<ComponentType>>;

/**
 * A page, rendered directly when its code is already here (the first page, preloaded while the
 * session is asked for), else lazily. A lazy page suspends at least once, and React holds back
 * what replaces a Suspense fallback for up to 300 ms: the first page would show that much later
 * than its code and data allow. Chosen once per mount, so a page never changes type under way.
 */
function Page({ name }: { name: PageName }) {
  // Keyed by the page: the routes put every page at the same place in the tree.
  return <PageOf key={name} name={name} />;
}

function PageOf({ name }: { name: PageName }) {
  const [Component] = useState(() => loaded[name] ?? lazyPages[name]);
  return <Component />;
}

const FIRST_PAGE: [RegExp, PageName][] = [
  [/^\/arbeidsliste$/, 'arbeidsliste'],
  [/^\/saker\/[^/]+$/, 'casePage'],
  [/^\/saker$/, 'saker'],
  [/^\/mine-saker$/, 'mineSaker'],
  [/^\/innboks$/, 'innboks'],
  [/^\/oversikt$/, 'oversikt'],
  [/^\/register$/, 'register'],
  [/^\/ny-henvendelse$/, 'nyHenvendelse'],
  [/^\/brukere$/, 'brukere'],
  [/^\/innstillinger$/, 'innstillinger'],
];

/** Starts loading the code of the page at this path while the session is asked for, not after. */
export function preloadPage(pathname: string): void {
  const found = FIRST_PAGE.find(([path]) => path.test(pathname));
  if (found) loadPage(found[1]).catch(() => undefined);
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
            <Route path="/arbeidsliste" element={<RequireRole roles={['ke']}><Page name="arbeidsliste" /></RequireRole>} />
            <Route path="/saker" element={<RequireRole roles={['ke']}><Page name="saker" /></RequireRole>} />
            <Route path="/saker/:id" element={<RequireRole roles={['ke', 'coordinator']}><Page name="casePage" /></RequireRole>} />
            <Route path="/ny-henvendelse" element={<RequireRole roles={['ke']}><Page name="nyHenvendelse" /></RequireRole>} />
            <Route path="/register" element={<RequireRole roles={['ke']}><Page name="register" /></RequireRole>} />
            <Route path="/brukere" element={<RequireRole roles={['ke']}><Page name="brukere" /></RequireRole>} />
            <Route path="/innstillinger" element={<RequireRole roles={['admin']}><Page name="innstillinger" /></RequireRole>} />
            <Route path="/oversikt" element={<RequireRole roles={['ke', 'leader']}><Page name="oversikt" /></RequireRole>} />
            <Route path="/innboks" element={<RequireRole roles={['ke', 'coordinator']}><Page name="innboks" /></RequireRole>} />
            <Route path="/mine-saker" element={<RequireRole roles={['coordinator']}><Page name="mineSaker" /></RequireRole>} />
            <Route path="*" element={<NotFound />} />
          </Routes>
          </Suspense>
        </Layout>
      </SessionProvider>
    </BrowserRouter>
  );
}
