/**
 * Bidirectional-text controls out of letters. An embedding, override or isolate control
 * (U+202A–U+202E, U+2066–U+2069) in a name can make it read backwards or swap it with the text
 * around it ("Trojan Source"), in the HTML and the PDF alike; no name needs one. Letter bodies are
 * stored as written, so they are cleaned where they are laid out (html.ts, pdf.ts).
 */
import type { LetterBody } from './text';

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** The letter with bidi controls stripped from every text in it. */
export function cleanLetter(letter: LetterBody): LetterBody {
  return mapLetterTexts(letter, stripBidiControls);
}

/** The letter with `fn` applied to every text in it. */
export function mapLetterTexts(letter: LetterBody, fn: (text: string) => string): LetterBody {
  return {
    ...letter,
    title: fn(letter.title),
    date: fn(letter.date),
    to: letter.to.map(fn),
    ...(letter.copyTo ? { copyTo: letter.copyTo.map(fn) } : {}),
    sections: letter.sections.map((s) => ({ ...s, ...(s.heading !== undefined ? { heading: fn(s.heading) } : {}), text: fn(s.text) })),
    signature: fn(letter.signature),
    ...(letter.letterhead !== undefined ? { letterhead: fn(letter.letterhead) } : {}),
  };
}
