/**
 * The web app in bokmål or nynorsk (issue #16): the person's choice, else their municipality's
 * (GET /auth/session `language`). The texts are written in bokmål in the code, and the bokmål
 * text is the key of the nynorsk catalogue (web/src/nn/), gettext's way, through i18next.
 * test/unit/web-catalogue.test.ts fails on a text without its nynorsk, a nynorsk text without
 * its bokmål, and nynorsk the word lists do not know.
 *
 * Rules for the code: call `t` while rendering, never at a module's top level (the language is
 * known only once the session is); mark texts kept in module constants with `msg` and pass them
 * through `t` when shown. Put values in with {{name}}, never by joining strings.
 */
import i18next from 'i18next';

export type Language = 'nb' | 'nn';

const i18n = i18next.createInstance();
void i18n.init({
  lng: 'nb',
  fallbackLng: false,
  resources: {},
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  initAsync: false,
  returnEmptyString: false,
});

/** A text of the app in the person's målform; `values` fill its {{name}} places. */
export function t(text: string, values?: Record<string, string | number>): string {
  return i18n.t(text, values ?? {}) as string;
}

/** Marks a bokmål text kept in a constant for the catalogue; show it with t(). */
export const msg = <T extends string>(text: T): T => text;

export function language(): Language {
  return i18n.language === 'nn' ? 'nn' : 'nb';
}

/** The locale for Intl's dates and numbers. */
export function locale(): 'nb-NO' | 'nn-NO' {
  return language() === 'nn' ? 'nn-NO' : 'nb-NO';
}

let catalogue: Promise<Record<string, string>> | undefined;

/** The nynorsk catalogue, loaded once, when first needed (its own chunk). */
export function nynorskCatalogue(): Promise<Record<string, string>> {
  catalogue ??= import('./nn').then((m) => m.NN);
  return catalogue;
}

/**
 * Set by the SessionProvider before the app renders. The nynorsk catalogue is its own chunk,
 * loaded only for a person who reads nynorsk: bokmål readers do not download it.
 */
export async function setLanguage(lang: Language | undefined): Promise<void> {
  const form: Language = lang === 'nn' ? 'nn' : 'nb';
  if (form === 'nn' && !i18n.hasResourceBundle('nn', 'translation')) i18n.addResourceBundle('nn', 'translation', await nynorskCatalogue());
  await i18n.changeLanguage(form);
  // Through globalThis: the server's typecheck reaches this module (through labels.ts) without the DOM's types.
  const page = (globalThis as { document?: { documentElement: { lang: string } } }).document;
  if (page) page.documentElement.lang = form;
}
