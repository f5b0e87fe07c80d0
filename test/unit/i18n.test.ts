/**
 * The two målformer's catalogues (lib/i18n): the same keys in both, no text left empty or
 * the same as its key, and every word spelt as the Norwegian word lists of the målform have it
 * (the hunspell dictionaries of dictionary-nb and dictionary-nn, from Norsk Ordbank), apart
 * from names and terms the lists do not carry yet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nspell from 'nspell';
import { CATALOGUES, MALFORMER, textsFor, type Malform } from '../../lib/i18n';

/**
 * Newer than the word lists (Statsforvalteren since 2021, and its genitive), abbreviations, this
 * service's terms, the nynorsk name of Sivilombudet (Sivilombodet, since 2022), "kl." (klokka),
 * and "noe" and "noen", which dictionary-nb's list lacks although Norsk Ordbank has them.
 */
const KNOWN: Record<Malform, string[]> = {
  nb: ['Statsforvalteren', 'Statsforvalterens', 'KE', 'barnekoordinator', 'noe', 'noen', 'kl'],
  nn: ['Statsforvaltaren', 'KE', 'barnekoordinator', 'Sivilombodet'],
};

/** Norsk Ordbank's lists let hunspell join words (COMPOUNDFLAG, parts of 4 letters or more); nspell does not. */
const COMPOUND_PART = 4;

function entries(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : entries(v as object, `${prefix}${k}.`)));
}

function dictionary(malform: Malform) {
  // The packages export only an ES module that reads these two files; read them here.
  const dir = join(__dirname, '..', '..', 'node_modules', `dictionary-${malform}`);
  const spell = nspell(readFileSync(join(dir, 'index.aff')), readFileSync(join(dir, 'index.dic')));
  /**
   * A word of the list, or a compound of words of the list, the first parts perhaps with the
   * joint -s- or -e- ("kartleggings|samtalen", "omsorgs|teneste|lova"), as hunspell itself would
   * accept it. Single letters are the points of a provision ("§ 2-5 c", "Vilkår a"), not words.
   */
  const correct = (word: string): boolean => {
    if (word.length === 1 || spell.correct(word)) return true;
    const w = word.toLowerCase();
    if (spell.correct(w)) return true;
    const joined = (part: string): boolean => {
      if (spell.correct(part)) return true;
      for (let i = COMPOUND_PART; i <= part.length - COMPOUND_PART; i++) {
        const head = part.slice(0, i);
        const headOk = spell.correct(head) || (/[se]$/.test(head) && head.length > COMPOUND_PART && spell.correct(head.slice(0, -1)));
        if (headOk && joined(part.slice(i))) return true;
      }
      return false;
    };
    return joined(w);
  };
  return { correct };
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
  const known = new Set(KNOWN[malform]);
  const wrong: string[] = [];
  for (const [key, text] of entries(CATALOGUES[malform])) {
    // Values put in ({{name}}) are not words of the text.
    const words = text.replace(/\{\{[^}]*\}\}/g, ' ').match(/\p{L}+(?:-\p{L}+)*/gu) ?? [];
    for (const word of words) if (!known.has(word) && !spell.correct(word)) wrong.push(`${key}: ${word}`);
  }
  expect(wrong).toEqual([]);
});

test('when the same text is looked up in both forms, then nynorsk has its own words where bokmål differs', () => {
  expect(textsFor('nb')('report.metric.decisions')).toBe('Avgjørelser');
  expect(textsFor('nn')('report.metric.decisions')).toBe('Avgjerder');
});
