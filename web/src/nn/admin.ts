/** Nynorsk for one part of the app (web/src/nn/index.ts): the bokmål text as the code writes it, then its nynorsk. */
export const ADMIN: Record<string, string> = {
};
