/**
 * Letter PDFs are PDF/A-2b (activities/letters/pdf.ts): veraPDF, the PDF Association's validator
 * (test/helpers/verapdf.ts), finds them compliant, and finds a plain pdfkit PDF not, so the check
 * checks something. The markers are read from the PDF as well (XMP identification, sRGB
 * OutputIntent, embedded fonts), and every page reads "Side n av m" at its foot.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { letterPdf } from '../../activities/letters/pdf';
import type { LetterBody } from '../../activities/letters/text';
import { validatePdfA } from '../helpers/verapdf';

function letter(over: Partial<LetterBody> = {}): LetterBody {
  return {
    title: 'Vedtak om barnekoordinator',
    date: '2026-03-04',
    to: ['Áŋŋá Čáhppes', 'Łukasz Wiśniewski'],
    sections: [
      { heading: 'Vedtak', text: 'Áŋŋá Čáhppes har rett til barnekoordinator. Zażółć gęślą jaźń. Æ Ø Å.' },
      { text: 'Dere kan klage på vedtaket.' },
    ],
    signature: 'Testvik kommune',
    ...over,
  };
}

const LETTERHEAD = { name: 'Guovdageainnu suohkan – Kautokeino kommune', keAddress: 'Koordinerende enhet, Postboks 34, 9520 Kautokeino' };

const longLetter = () =>
  letter({
    sections: Array.from({ length: 30 }, (_, i) => ({ heading: `Del ${i + 1}`, text: 'Kommunen har vurdert behovet for koordinering av tjenestene. '.repeat(8) })),
  });

function plainPdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('Et brev uten PDF/A');
    doc.end();
  });
}

function pagesOf(pdf: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, '..', 'helpers', 'pdf-text.mjs')], { timeout: 30_000, maxBuffer: 10 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve((JSON.parse(stdout) as { pages: string[] }).pages),
    );
    child.stdin!.end(pdf);
  });
}

test('when letters are rendered, then veraPDF finds them PDF/A-2b compliant, and a plain pdfkit PDF not', async () => {
  const results = await validatePdfA({
    short: await letterPdf(letter()),
    long: await letterPdf(longLetter(), { letterhead: LETTERHEAD }),
    scripts: await letterPdf(letter({ to: ['محمد علي', '王小明', 'Emoji 😀'], title: 'Svar på klage & <innsyn>' })),
    plain: await plainPdf(),
  });
  expect(results.short).toEqual({ passed: true, failedRules: [] });
  // With the letterhead too.
  expect(results.long).toEqual({ passed: true, failedRules: [] });
  expect(results.scripts).toEqual({ passed: true, failedRules: [] });
  expect(results.plain.passed).toBe(false);
  expect(results.plain.failedRules.length).toBeGreaterThan(0);
}, 180_000);

test('when a letter is rendered, then it declares PDF/A-2b in XMP, has an sRGB OutputIntent with its ICC profile and embeds every font', async () => {
  const pdf = await letterPdf(letter({ title: 'Svar på klage & <innsyn>' }));
  const raw = pdf.toString('latin1');
  expect(raw.startsWith('%PDF-1.7')).toBe(true);
  const xmp = /<x:xmpmeta[\s\S]*<\/x:xmpmeta>/.exec(raw)?.[0] ?? '';
  expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
  expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
  // The title as XMP and the Info dictionary both have it, without the characters XMP would need escaped.
  expect(Buffer.from(xmp, 'latin1').toString('utf8')).toContain('<rdf:li xml:lang="x-default">Svar på klage innsyn</rdf:li>');
  const intent = /\/Type \/OutputIntent[\s\S]*?>>/.exec(raw)?.[0] ?? '';
  expect(intent).toMatch(/\/S \/GTS_PDFA1/);
  expect(intent).toMatch(/\/DestOutputProfile \d+ 0 R/);
  expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
  const fonts = [...raw.matchAll(/\/Type \/FontDescriptor[\s\S]*?>>/g)].map((m) => m[0]);
  expect(fonts.length).toBeGreaterThanOrEqual(2);
  for (const descriptor of fonts) expect(descriptor).toMatch(/\/FontFile2 \d+ 0 R/);
  expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
});

test('when names have characters the fonts lack, then those come out as U+FFFD and the rest as written, and the title in the metadata keeps them', async () => {
  const pdf = await letterPdf(letter({ title: 'Brev til 王小明', to: ['王小明', 'Áŋŋá Čáhppes'] }));
  const [text] = await pagesOf(pdf);
  expect(text).toContain('Til: \uFFFD\uFFFD\uFFFD, Áŋŋá Čáhppes');
  expect(text).toContain('Brev til \uFFFD\uFFFD\uFFFD');
  expect(Buffer.from(/<x:xmpmeta[\s\S]*<\/x:xmpmeta>/.exec(pdf.toString('latin1'))![0], 'latin1').toString('utf8')).toContain('Brev til 王小明');
});

test('when a letter runs over several pages, then each page ends with "Side n av m"', async () => {
  const pages = await pagesOf(await letterPdf(longLetter()));
  expect(pages.length).toBeGreaterThan(2);
  pages.forEach((text, i) => expect(text.trim().endsWith(`Side ${i + 1} av ${pages.length}`)).toBe(true));
  expect((await pagesOf(await letterPdf(letter()))).map((t) => t.trim().split('\n').at(-1))).toEqual(['Side 1 av 1']);
});

test('when a letter is rendered with the municipality\'s letterhead, then its first page begins with the municipality and KE\'s address, and later pages do not repeat it', async () => {
  const pages = await pagesOf(await letterPdf(longLetter(), { letterhead: LETTERHEAD }));
  const lines = pages[0].trim().split('\n');
  expect(lines.slice(0, 3)).toEqual([LETTERHEAD.name, LETTERHEAD.keAddress, 'Til: Áŋŋá Čáhppes, Łukasz Wiśniewski']);
  expect(pages[1]).not.toContain(LETTERHEAD.keAddress);
  expect(pages.at(-1)!.trim().endsWith(`Side ${pages.length} av ${pages.length}`)).toBe(true);
});
