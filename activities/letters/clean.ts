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
  return {
    ...letter,
    title: stripBidiControls(letter.title),
    date: stripBidiControls(letter.date),
    to: letter.to.map(stripBidiControls),
    ...(letter.copyTo ? { copyTo: letter.copyTo.map(stripBidiControls) } : {}),
    sections: letter.sections.map((s) => ({ ...s, ...(s.heading !== undefined ? { heading: stripBidiControls(s.heading) } : {}), text: stripBidiControls(s.text) })),
    signature: stripBidiControls(letter.signature),
  };
}
