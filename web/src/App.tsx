import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { RequireRole } from './components/RequireRole';
import { usePageTitle } from './hooks/usePageTitle';
import { CasePage } from './pages/case/CasePage';
import { NotFound } from './pages/NotFound';
import { Arbeidsliste } from './pages/Arbeidsliste';
import { Innboks } from './pages/Innboks';
import { MineSaker } from './pages/MineSaker';
import { NyHenvendelse } from './pages/NyHenvendelse';
import { Oversikt } from './pages/Oversikt';
import { Register } from './pages/Register';
import { Saker } from './pages/Saker';
import { SessionProvider, useSession } from './session';


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
        </Layout>
      </SessionProvider>
    </BrowserRouter>
  );
}
