/**
 * The app's own paths (bokmål, as the people using it say them). The server answers a GET of each
 * with the app shell (api/plugins/web.ts); App.tsx routes them.
 */
export const APP_PATHS = ['/', '/arbeidsliste', '/saker', '/saker/:id', '/ny-henvendelse', '/register', '/oversikt', '/innboks', '/mine-saker'] as const;
