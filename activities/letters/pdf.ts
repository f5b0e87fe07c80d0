/**
 * A stored letter laid out as an A4 PDF. CPU-bound (layout, font subsetting, compression): the
 * API renders each letter once, in a worker thread (api/pdf-pool.ts), and keeps the bytes.
 *
 * The text is set in DejaVu Sans (the npm package dejavu-fonts-ttf), embedded as a subset: it
 * covers Latin with Latin Extended-A and -B (Sámi Á Č Đ Ŋ Š Ŧ Ž, Polish Ł Ś Ź Ż Ą Ę Ć Ń Ó,
 * Vietnamese, Turkish …), Greek, Cyrillic, Armenian, Georgian and basic Arabic and Hebrew letters.
 * The 14 standard PDF fonts pdfkit would use otherwise know only Latin-1 (WinAnsi), so
 * "Áŋŋá Čáhppes" came out garbled. Not covered: right-to-left layout (Arabic and Hebrew words are
 * shaped but lines are set left to right), CJK and emoji, which come out as U+FFFD (a question
 * mark in a diamond): PDF/A forbids showing the font's .notdef glyph, the empty box they were.
 *
 * Letters are archival documents, so the PDF is PDF/A-2b (ISO 19005-2, level B): fonts embedded,
 * an sRGB OutputIntent with its ICC profile, and XMP metadata that names the conformance and
 * repeats the document information (pdfkit writes both). Every page carries "Side n av m",
 * marked as a pagination artifact so that readers and screen readers leave it out of the text.
 */
import PDFDocument from 'pdfkit';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cleanLetter, mapLetterTexts } from './clean';
import { textsFor } from '../../lib/i18n';
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

/** Writes the XMP packet without escaping; these would break it (the Info title must match XMP, so both get the same text). */
const XMP_UNSAFE = /[<>&]/g;

const FOOTER_FONT_SIZE = 9;

let drawable: Set<number> | undefined;
/** The code points both fonts have a glyph for, read once from the font programs (through pdfkit's fontkit font). */
function drawableCodePoints(): Set<number> {
  if (!drawable) {
    const probe = new PDFDocument({ autoFirstPage: false });
    const [regular, bold] = [fontData().regular, fontData().bold].map((data) => {
      probe.font(data);
      return (probe as unknown as { _font: { font: { characterSet: number[] } } })._font.font.characterSet;
    });
    const inBold = new Set(bold);
    drawable = new Set(regular.filter((cp) => inBold.has(cp)));
  }
  return drawable;
}

/** The text with every character the fonts cannot draw replaced by U+FFFD; line breaks and tabs stay. */
export function withDrawableGlyphs(text: string): string {
  const glyphs = drawableCodePoints();
  let out = '';
  for (const ch of text) out += ch.codePointAt(0)! < 0x20 || glyphs.has(ch.codePointAt(0)!) ? ch : '\uFFFD';
  return out;
}

export interface PdfOptions {
  /** The PDF's creation date; the letter's own date when not given. */
  createdAt?: string | Date;
  /** The sender at the top of the first page: the municipality's name and KE's postal address. */
  letterhead?: Letterhead;
}

export interface Letterhead {
  name: string;
  keAddress: string;
}

/** Lays a stored letter out as an A4 PDF; bidi controls are stripped from every text first, and characters the fonts lack replaced. */
export function letterPdf(stored: LetterBody, options: PdfOptions = {}): Promise<Buffer> {
  const cleaned = cleanLetter(stored);
  const letter = mapLetterTexts(cleaned, withDrawableGlyphs);
  // Stored bodies from before issue #16 name no målform: bokmål. Til, Kopi, Saksnummer, Dato and
  // "Side n av m" are the same words in both.
  const malform = stored.malform === 'nn' ? 'nn' : 'nb';
  return new Promise((resolve, reject) => {
    const created = options.createdAt ? new Date(options.createdAt) : new Date(`${letter.date}T12:00:00Z`);
    const doc = new PDFDocument({
      size: 'A4',
      margin: 60,
      lang: `${malform}-NO`,
      pdfVersion: '1.7',
      subset: 'PDF/A-2b',
      tagged: true,
      displayTitle: true,
      // Page numbers need the page count, known only when the text is laid out.
      bufferPages: true,
      info: {
        Title: cleaned.title.replace(XMP_UNSAFE, ' ').replace(/\s+/g, ' ').trim(),
        Creator: 'Barnekoordinator',
        CreationDate: Number.isNaN(created.getTime()) ? undefined : created,
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      const { regular, bold } = fontData();
      doc.registerFont('Text', regular);
      doc.registerFont('Text-Bold', bold);
      if (options.letterhead) letterheadOf(doc, options.letterhead);
      doc.font('Text').fontSize(10).text(`Til: ${letter.to.join(', ')}`);
      if (letter.copyTo && letter.copyTo.length > 0) doc.text(`Kopi: ${letter.copyTo.join(', ')}`);
      if (letter.reference) doc.text(`Saksnummer: ${letter.reference}`);
      doc.text(`Dato: ${norwegianDate(letter.date, malform)}`).moveDown(1.5);
      doc.font('Text-Bold').fontSize(16).text(letter.title).moveDown();
      for (const section of letter.sections) {
        if (section.heading) doc.font('Text-Bold').fontSize(12).text(section.heading);
        doc.font('Text').fontSize(11).text(section.text, { align: 'left' }).moveDown();
      }
      doc.moveDown().text(textsFor(malform)('letter.closing')).text(letter.signature);
      pageNumbers(doc);
      doc.end();
    } catch (err) {
      reject(err);
    }
  });
}

/** The municipality and KE's address, over a rule, at the top of the first page. */
function letterheadOf(doc: PDFKit.PDFDocument, head: Letterhead) {
  const name = withDrawableGlyphs(head.name);
  const address = withDrawableGlyphs(head.keAddress);
  doc.font('Text-Bold').fontSize(14).text(name);
  doc.font('Text').fontSize(9).text(address);
  const y = doc.y + 6;
  const { left, right } = doc.page.margins;
  doc.save().moveTo(left, y).lineTo(doc.page.width - right, y).lineWidth(0.5).strokeColor('#555555').stroke().restore();
  doc.moveDown(2);
}

/** "Side n av m" at the foot of every page, below the text area and outside the structure tree. */
function pageNumbers(doc: PDFKit.PDFDocument) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { margins, width, height } = doc.page;
    const bottom = margins.bottom;
    // Text below the bottom margin would otherwise start a new page.
    margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('Text')
      .fontSize(FOOTER_FONT_SIZE)
      .text(`Side ${i - start + 1} av ${count}`, margins.left, height - bottom / 2 - FOOTER_FONT_SIZE / 2, {
        width: width - margins.left - margins.right,
        align: 'center',
        lineBreak: false,
      });
    doc.endMarkedContent();
    margins.bottom = bottom;
  }
}
