/**
 * Texts for families, staff and reports in the two written forms of Norwegian (målformer),
 * from the catalogues nb.ts and nn.ts through i18next (plurals, values). Which form a text
 * is written in comes from the municipality's register entry (lib/municipalities.ts).
 */
import i18next, { type TFunction } from 'i18next';
import { nb } from './nb';
import { nn } from './nn';

export type Malform = 'nb' | 'nn';
export const MALFORMER: readonly Malform[] = ['nb', 'nn'];
export const CATALOGUES = { nb, nn } as const;

const i18n = i18next.createInstance();
void i18n.init({
  resources: { nb: { translation: nb }, nn: { translation: nn } },
  lng: 'nb',
  // A missing text shows its key rather than the other form's: the tests find it.
  fallbackLng: false,
  initAsync: false,
  interpolation: { escapeValue: false },
});

/** The text function of one målform: t('report.metric.year'). */
export function textsFor(malform: Malform): TFunction {
  return i18n.getFixedT(malform);
}
