/** Nynorsk for one part of the app (web/src/nn/index.ts): the bokmål text as the code writes it, then its nynorsk. */
export const APP: Record<string, string> = {
  Målform: 'Målform',
  'Som kommunen': 'Som kommunen',
  Bokmål: 'Bokmål',
  Nynorsk: 'Nynorsk',
  'Kunne ikke lagre valget. Prøv igjen.': 'Kunne ikkje lagre valet. Prøv igjen.',
};
