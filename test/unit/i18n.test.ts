/**
 * The two målformer's catalogues (lib/i18n): the same keys in both, no text left empty or
 * the same as its key, and every word spelt as the Norwegian word lists of the målform have it
 * (the hunspell dictionaries of dictionary-nb and dictionary-nn, from Norsk Ordbank), apart
 * from names and terms the lists do not carry yet.
 */
import { CATALOGUES, MALFORMER, textsFor, type Malform } from '../../lib/i18n';
import { dictionary, misspelt } from '../helpers/spelling';

function entries(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : entries(v as object, `${prefix}${k}.`)));
}

test('when the catalogues are compared, then bokmål and nynorsk have exactly the same keys', () => {
  const keys = (m: Malform) => entries(CATALOGUES[m]).map(([k]) => k).sort();
  expect(keys('nn')).toEqual(keys('nb'));
});

test.each(MALFORMER)('when each %s text is looked up, then it is there, not its key', (malform) => {
  const t = textsFor(malform);
  for (const [key, text] of entries(CATALOGUES[malform])) {
    expect({ key, text: t(key) }).toEqual({ key, text });
    expect(text.trim()).not.toBe('');
  }
});

test.each(MALFORMER)('when the %s texts are spell-checked against the word list, then every word is in it', (malform) => {
  const spell = dictionary(malform);
  const wrong = entries(CATALOGUES[malform]).flatMap(([key, text]) => misspelt(spell, malform, text).map((word) => `${key}: ${word}`));
  expect(wrong).toEqual([]);
});

test('when the same text is looked up in both forms, then nynorsk has its own words where bokmål differs', () => {
  expect(textsFor('nb')('report.metric.decisions')).toBe('Avgjørelser');
  expect(textsFor('nn')('report.metric.decisions')).toBe('Avgjerder');
});
