/**
 * A stored letter laid out as an A4 PDF. CPU-bound (layout, font subsetting, compression): the
 * API renders each letter once, in a worker thread (api/pdf-pool.ts), and keeps the bytes.
 *
 * The text is set in DejaVu Sans (the npm package dejavu-fonts-ttf), embedded as a subset: it
 * covers Latin with Latin Extended-A and -B (Sámi Á Č Đ Ŋ Š Ŧ Ž, Polish Ł Ś Ź Ż Ą Ę Ć Ń Ó,
 * Vietnamese, Turkish …), Greek, Cyrillic, Armenian, Georgian and basic Arabic and Hebrew letters.
 * The 14 standard PDF fonts pdfkit would use otherwise know only Latin-1 (WinAnsi), so
 * "Áŋŋá Čáhppes" came out garbled. Not covered: right-to-left layout (Arabic and Hebrew words are
 * shaped but lines are set left to right), CJK and emoji, which come out as empty boxes.
 */
import PDFDocument from 'pdfkit';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cleanLetter } from './clean';
import { norwegianDate, type LetterBody } from './text';

export { stripBidiControls, cleanLetter } from './clean';

const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const LETTER_FONT_FILES = { regular: join(FONT_DIR, 'DejaVuSans.ttf'), bold: join(FONT_DIR, 'DejaVuSans-Bold.ttf') } as const;

let fonts: { regular: Buffer; bold: Buffer } | undefined;
/** Read once per process (or worker thread), ~1.5 MB. */
function fontData() {
  fonts ??= { regular: readFileSync(LETTER_FONT_FILES.regular), bold: readFileSync(LETTER_FONT_FILES.bold) };
  return fonts;
}

export interface PdfOptions {
  /** The PDF's creation date; the letter's own date when not given. */
  createdAt?: string | Date;
}

/** Lays a stored letter out as an A4 PDF; bidi controls are stripped from every text first. */
export function letterPdf(stored: LetterBody, options: PdfOptions = {}): Promise<Buffer> {
  const letter = cleanLetter(stored);
  return new Promise((resolve, reject) => {
    const created = options.createdAt ? new Date(options.createdAt) : new Date(`${letter.date}T12:00:00Z`);
    const doc = new PDFDocument({
      size: 'A4',
      margin: 60,
      lang: 'nb-NO',
      info: { Title: letter.title, CreationDate: Number.isNaN(created.getTime()) ? undefined : created },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      const { regular, bold } = fontData();
      doc.registerFont('Text', regular);
      doc.registerFont('Text-Bold', bold);
      doc.font('Text').fontSize(10).text(`Til: ${letter.to.join(', ')}`);
      if (letter.copyTo && letter.copyTo.length > 0) doc.text(`Kopi: ${letter.copyTo.join(', ')}`);
      if (letter.reference) doc.text(`Saksnummer: ${letter.reference}`);
      doc.text(`Dato: ${norwegianDate(letter.date)}`).moveDown(1.5);
      doc.font('Text-Bold').fontSize(16).text(letter.title).moveDown();
      for (const section of letter.sections) {
        if (section.heading) doc.font('Text-Bold').fontSize(12).text(section.heading);
        doc.font('Text').fontSize(11).text(section.text, { align: 'left' }).moveDown();
      }
      doc.moveDown().text('Med vennlig hilsen').text(letter.signature);
      doc.end();
    } catch (err) {
      reject(err);
    }
  });
}
