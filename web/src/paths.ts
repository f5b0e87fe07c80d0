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
