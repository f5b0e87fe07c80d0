/**
 * The app's own paths (bokmål, as the people using it say them). The server answers a GET of each
 * with the app shell (api/plugins/web.ts); App.tsx routes them.
 */
export const APP_PATHS = ['/', '/arbeidsliste', '/saker', '/saker/:id', '/ny-henvendelse', '/register', '/oversikt', '/innboks', '/mine-saker', '/brukere', '/innstillinger'] as const;

/** The page (the name of its file under web/src/pages) each path opens: its code is preloaded with the shell. */
export const PAGE_OF_PATH: Record<(typeof APP_PATHS)[number], string | undefined> = {
  '/': undefined,
  '/arbeidsliste': 'Arbeidsliste',
  '/saker': 'Saker',
  '/saker/:id': 'CasePage',
  '/ny-henvendelse': 'NyHenvendelse',
  '/register': 'Register',
  '/oversikt': 'Oversikt',
  '/innboks': 'Innboks',
  '/mine-saker': 'MineSaker',
  '/brukere': 'Brukere',
  '/innstillinger': 'Innstillinger',
};

const CASE_PAGE = /^\/saker\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * The reads a page makes as soon as the app's script runs (web/src/prefetch.ts and the session),
 * as the URLs the app's client builds. The shell names them as `<link rel="preload" as="fetch">`
 * (api/plugins/web.ts), so the browser starts them with the page instead of after its scripts;
 * the app's own requests then take those answers. test/web/web-app.test.ts checks that each is
 * asked for once.
 */
export function firstReads(pathname: string): string[] {
  if (pathname === '/arbeidsliste') return ['/auth/session', '/ke/worklist?dueWithinDays=7&withChild=true', '/ke/reminders?limit=200', '/units', '/coordinators?limit=1000'];
  const casePage = CASE_PAGE.exec(pathname);
  if (casePage) return ['/auth/session', `/cases/${casePage[1]}`];
  return ['/auth/session'];
}
