import { cleanLetter } from './clean';
import { textsFor } from '../../lib/i18n';
import { norwegianDate, type LetterBody } from './text';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The letter as an HTML page; bidi controls are stripped from every text first (clean.ts). */
export function letterHtml(stored: LetterBody): string {
  const letter = cleanLetter(stored);
  // Stored bodies from before issue #16 name no målform: bokmål.
  const malform = stored.malform === 'nn' ? 'nn' : 'nb';
  const sections = letter.sections
    .map((s) => `${s.heading ? `<h2>${escape(s.heading)}</h2>\n` : ''}<p>${escape(s.text)}</p>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${malform}">
<head><meta charset="utf-8"><title>${escape(letter.title)}</title></head>
<body>
${letter.letterhead ? `<p class="letterhead">${escape(letter.letterhead)}</p>\n` : ''}<p class="to">Til: ${escape(letter.to.join(', '))}</p>
${letter.copyTo && letter.copyTo.length > 0 ? `<p class="copy">Kopi: ${escape(letter.copyTo.join(', '))}</p>\n` : ''}${letter.reference ? `<p class="reference">Saksnummer: ${escape(letter.reference)}</p>\n` : ''}<p class="date">Dato: ${escape(norwegianDate(letter.date, malform))}</p>
<h1>${escape(letter.title)}</h1>
${sections}
<p class="signature">${escape(textsFor(malform)('letter.closing'))}<br>${escape(letter.signature)}</p>
</body>
</html>
`;
}
