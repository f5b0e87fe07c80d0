import { Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { RequireRole } from './components/RequireRole';
import { usePageTitle } from './hooks/usePageTitle';
import { NotFound } from './pages/NotFound';
import { SessionProvider, useSession } from './session';


// Each page is its own chunk, loaded when first opened: the first page loads only what it needs.
const CasePage = lazy(() => import('./pages/case/CasePage').then((m) => ({ default: m.CasePage })));
const Arbeidsliste = lazy(() => import('./pages/Arbeidsliste').then((m) => ({ default: m.Arbeidsliste })));
const Innboks = lazy(() => import('./pages/Innboks').then((m) => ({ default: m.Innboks })));
const MineSaker = lazy(() => import('./pages/MineSaker').then((m) => ({ default: m.MineSaker })));
const NyHenvendelse = lazy(() => import('./pages/NyHenvendelse').then((m) => ({ default: m.NyHenvendelse })));
const Oversikt = lazy(() => import('./pages/Oversikt').then((m) => ({ default: m.Oversikt })));
const Register = lazy(() => import('./pages/Register').then((m) => ({ default: m.Register })));
const Saker = lazy(() => import('./pages/Saker').then((m) => ({ default: m.Saker })));

function Home() {
  const { hasRole } = useSession();
  if (hasRole('ke')) return <Navigate to="/arbeidsliste" replace />;
  if (hasRole('coordinator')) return <Navigate to="/mine-saker" replace />;
  if (hasRole('leader')) return <Navigate to="/oversikt" replace />;
  return <NothingHere />;
}

function NothingHere() {
  usePageTitle('Forside');
  return (
    <>
      <Heading level={1} data-size="lg">
        Barnekoordinator
      </Heading>
      <Paragraph>Rollen din har ingen sider i denne appen.</Paragraph>
    </>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Layout>
          <Suspense fallback={<Spinner aria-label="Henter siden" />}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/arbeidsliste" element={<RequireRole roles={['ke']}><Arbeidsliste /></RequireRole>} />
            <Route path="/saker" element={<RequireRole roles={['ke']}><Saker /></RequireRole>} />
            <Route path="/saker/:id" element={<RequireRole roles={['ke', 'coordinator']}><CasePage /></RequireRole>} />
            <Route path="/ny-henvendelse" element={<RequireRole roles={['ke']}><NyHenvendelse /></RequireRole>} />
            <Route path="/register" element={<RequireRole roles={['ke']}><Register /></RequireRole>} />
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
