import PDFDocument from 'pdfkit';
import { norwegianDate, type LetterBody } from './text';

/** Lays a stored letter out as an A4 PDF. */
export function letterPdf(letter: LetterBody): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 60, info: { Title: letter.title } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica').fontSize(10).text(`Til: ${letter.to.join(', ')}`);
    doc.text(`Dato: ${norwegianDate(letter.date)}`).moveDown(1.5);
    doc.font('Helvetica-Bold').fontSize(16).text(letter.title).moveDown();
    for (const section of letter.sections) {
      if (section.heading) doc.font('Helvetica-Bold').fontSize(12).text(section.heading);
      doc.font('Helvetica').fontSize(11).text(section.text, { align: 'left' }).moveDown();
    }
    doc.moveDown().text('Med vennlig hilsen').text(letter.signature);
    doc.end();
  });
}
