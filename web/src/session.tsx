/** The logged-in person, from the server's session (GET /auth/session), for the whole app. */
import { Alert, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { createContext, startTransition, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { goToLogin, setCsrfToken } from './api';
import { setLanguage, t, type Language } from './i18n';

export type Role = 'ke' | 'coordinator' | 'leader' | 'ops' | 'admin';

export interface Session {
  subject: string;
  name: string;
  roles: Role[];
  /** Kommunenummer. */
  municipality: string | null;
  coordinatorId: string | null;
  csrfToken: string;
  expiresAt: string;
  /** The målform the app is shown in: the person's choice, else the municipality's. */
  language: Language;
  /** The person's own choice; null when the municipality's applies. */
  languageChoice: Language | null;
}

export interface SessionValue {
  session: Session;
  hasRole(role: Role): boolean;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

type State = { kind: 'loading' } | { kind: 'ready'; session: Session } | { kind: 'failed' };

type SessionAnswer = { kind: 'signed-out' } | { kind: 'ready'; session: Session };

const readSession = async (): Promise<SessionAnswer> => {
  const response = await fetch('/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (response.status === 401) return { kind: 'signed-out' };
  if (!response.ok) throw new Error(`session ${response.status}`);
  return { kind: 'ready', session: (await response.json()) as Session };
};

let early: Promise<SessionAnswer> | undefined;

/** Asks for the session as the app's script starts, before React renders (main.tsx); the provider takes that answer. */
export function startSession(): void {
  early = readSession();
  early.catch(() => undefined);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let active = true;
    const answer = early ?? readSession();
    early = undefined;
    answer
      .then(async (found) => {
        if (found.kind === 'signed-out') return goToLogin();
        setCsrfToken(found.session.csrfToken);
        await setLanguage(found.session.language);
        // As a transition: while the page's code (already loading, App.tsx preloadPage) is not
        // there, React keeps the spinner rather than committing a Suspense fallback, whose
        // replacement it would then hold back by its 300 ms throttle.
        if (active) startTransition(() => setState({ kind: 'ready', session: found.session }));
      })
      .catch(() => active && setState({ kind: 'failed' }));
    return () => {
      active = false;
    };
  }, []);

  const session = state.kind === 'ready' ? state.session : null;
  const hasRole = useCallback((role: Role) => session?.roles.includes(role) ?? false, [session]);
  const logout = useCallback(async () => {
    const response = await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json', 'x-csrf-token': session?.csrfToken ?? '' } });
    const body = response.ok ? ((await response.json()) as { redirectTo?: string }) : {};
    window.location.assign(body.redirectTo ?? '/');
  }, [session]);
  const value = useMemo(() => (session ? { session, hasRole, logout } : null), [session, hasRole, logout]);

  if (state.kind === 'failed') {
    return (
      <main id="main" className="bk-page">
        <Alert data-color="danger">
          <Paragraph>{t('Kunne ikke hente innloggingen din. Last siden på nytt, eller prøv igjen senere.')}</Paragraph>
        </Alert>
      </main>
    );
  }
  if (!value) {
    return (
      <main id="main" className="bk-page bk-center">
        <Spinner aria-label={t('Henter innloggingen din')} data-size="lg" />
      </main>
    );
  }
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
