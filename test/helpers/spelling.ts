/**
 * Spelling against the Norwegian word lists of each målform: the hunspell dictionaries of
 * dictionary-nb and dictionary-nn (from Norsk Ordbank, the lists behind Språkrådet's
 * dictionaries), read with nspell.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nspell from 'nspell';
import type { Malform } from '../../lib/i18n';

/**
 * Newer than the word lists (Statsforvalteren since 2021, and its genitive), abbreviations, this
 * service's terms, the name of KS's letter service SvarUt, the nynorsk name of Sivilombudet (Sivilombodet, since 2022), "kl." (klokka),
 * and "noe" and "noen", which dictionary-nb's list lacks although Norsk Ordbank has them. For
 * the web app (test/helpers/web-texts.ts): "innboks" (Nynorskordboka has it; the list lacks it),
 * the date pattern "dd.mm.åååå", "CSV", the abbreviation of pasient- og brukerrettighetslova (pbrl)
 * and the name Ansattporten, PDF and HTML, and the definite form of "dato" (datoen), which
 * Nynorskordboka has and the list lacks.
 */
export const KNOWN: Record<Malform, string[]> = {
  nb: ['Statsforvalteren', 'Statsforvalterens', 'KE', 'barnekoordinator', 'SvarUt', 'noe', 'noen', 'kl'],
  nn: ['Statsforvaltaren', 'KE', 'barnekoordinator', 'SvarUt', 'Sivilombodet', 'Innboks', 'innboks', 'innboksen', 'dd', 'åååå', 'CSV', 'pbrl', 'Ansattporten', 'PDF', 'HTML', 'Datoen', 'Fødselsdatoen', 'Sluttdatoen'],
};

/** Norsk Ordbank's lists let hunspell join words (COMPOUNDFLAG, parts of 4 letters or more); nspell does not. */
export const COMPOUND_PART = 4;

export function dictionary(malform: Malform) {
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

/** The words of a text that are in neither the word list nor KNOWN; values put in ({{name}}) are left out. */
export function misspelt(spell: { correct(word: string): boolean }, malform: Malform, text: string): string[] {
  const known = new Set(KNOWN[malform]);
  const words = text.replace(/\{\{[^}]*\}\}/g, ' ').match(/\p{L}+(?:-\p{L}+)*/gu) ?? [];
  return words.filter((word) => !known.has(word) && !spell.correct(word));
}
