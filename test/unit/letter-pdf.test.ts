/**
 * Letter PDFs (activities/letters/pdf.ts) and their worker threads (api/pdf-pool.ts): names
 * outside Latin-1 come out as written, with an embedded Unicode font, bidi controls are gone
 * from the PDF and the HTML, scripts the font lacks do not break rendering, and rendering runs
 * in worker threads. The PDF's text is read back with PDF.js (test/helpers/pdf-text.mjs).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { letterHtml } from '../../activities/letters/html';
import { cleanLetter, letterPdf, stripBidiControls } from '../../activities/letters/pdf';
import type { LetterBody } from '../../activities/letters/text';
import { createPdfPool, type PdfPool } from '../../api/pdf-pool';

const SAMI = 'Áŋŋá Čáhppes';
const POLISH = 'Łukasz Wiśniewski';
const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

function letter(over: Partial<LetterBody> = {}): LetterBody {
  return {
    title: 'Vedtak om barnekoordinator',
    date: '2026-03-04',
    to: [SAMI, POLISH],
    sections: [
      { heading: 'Vedtak', text: `${SAMI} har rett til barnekoordinator. Sámi: Á á Č č Đ đ Ŋ ŋ Š š Ŧ ŧ Ž ž. Polsk: Zażółć gęślą jaźń. Norsk: Æ Ø Å æ ø å.` },
      { text: 'Dere kan klage på vedtaket.' },
    ],
    signature: 'Testvik kommune',
    ...over,
  };
}

/** The text of every page, as PDF.js extracts it. */
function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, '..', 'helpers', 'pdf-text.mjs')], { timeout: 30_000, maxBuffer: 10 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve((JSON.parse(stdout) as { pages: string[] }).pages.join('\n')),
    );
    child.stdin!.end(pdf);
  });
}

/** The fonts a PDF declares (BaseFont names) and whether a TrueType font program is embedded. */
function fontsOf(pdf: Buffer) {
  const raw = pdf.toString('latin1');
  return { baseFonts: [...new Set([...raw.matchAll(/\/BaseFont \/([\w+-]+)/g)].map((m) => m[1]))], embedded: raw.includes('/FontFile2') };
}

describe('letter PDF', () => {
  test('when a letter names Áŋŋá Čáhppes and Łukasz Wiśniewski, then the PDF embeds DejaVu Sans and its text reads back exactly', async () => {
    const pdf = await letterPdf(letter());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const fonts = fontsOf(pdf);
    expect(fonts.embedded).toBe(true);
    expect(fonts.baseFonts.map((f) => f.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    // None of the 14 standard fonts, which know only Latin-1.
    expect(fonts.baseFonts.join(' ')).not.toMatch(/Helvetica|Times|Courier/);
    const text = await pdfText(pdf);
    expect(text).toContain(`Til: ${SAMI}, ${POLISH}`);
    expect(text).toContain('Á á Č č Đ đ Ŋ ŋ Š š Ŧ ŧ Ž ž');
    expect(text).toContain('Zażółć gęślą jaźń');
    expect(text).toContain('Æ Ø Å æ ø å');
    expect(text).toContain('Dato: 4. mars 2026');
  });

  test('when names carry bidi embedding, override or isolate controls, then the PDF and the HTML have none of them and read as the names', async () => {
    const tricky = letter({ to: [`\u202E${SAMI}\u202C`, `\u2067${POLISH}\u2069`, `Per ${BIDI.join('')}Testforelder`], signature: '\u202DTestvik kommune\u202C' });
    const text = await pdfText(await letterPdf(tricky));
    const html = letterHtml(tricky);
    for (const control of BIDI) {
      expect(text).not.toContain(control);
      expect(html).not.toContain(control);
    }
    expect(text).toContain(`Til: ${SAMI}, ${POLISH}, Per Testforelder`);
    expect(html).toContain(`Til: ${SAMI}, ${POLISH}, Per Testforelder`);
    expect(html).toContain('Testvik kommune');
  });

  test('when bidi controls are stripped, then every text of the letter is cleaned and other characters, marks included, are kept', () => {
    expect(stripBidiControls(`a${BIDI.join('')}b\u200Fc`)).toBe('ab\u200Fc');
    const cleaned = cleanLetter(letter({ title: '\u202Etittel', sections: [{ heading: '\u2066H\u2069', text: 'T\u202B' }], signature: 'S\u202A' }));
    expect(cleaned).toMatchObject({ title: 'tittel', sections: [{ heading: 'H', text: 'T' }], signature: 'S' });
  });

  test('when names are Arabic, Chinese or emoji, then the letter still renders, with the Latin text intact', async () => {
    const pdf = await letterPdf(letter({ to: ['محمد علي', '王小明', 'Emoji 😀👍🏽', SAMI], sections: [{ text: `مرحبا 你好 🎉 ${POLISH}` }] }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain(SAMI);
    expect(text).toContain(POLISH);
    expect(text).toContain('محمد'); // Arabic letters are in DejaVu Sans (shaped, but the words are set left to right)
  });
});

describe('PDF worker threads', () => {
  let pool: PdfPool;
  afterEach(async () => {
    await pool?.close();
  });

  test('when letters are rendered in the pool, then they are the same PDFs, rendered off the event loop, and the pool counts them', async () => {
    pool = createPdfPool({ size: 2 });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const pdfs = await Promise.all(Array.from({ length: 6 }, (_, i) => pool.render(letter({ title: `Brev ${i}` }), '2026-03-04T10:00:00.000Z')));
    delay.disable();
    expect(pool.rendered).toBe(6);
    for (const [i, pdf] of pdfs.entries()) {
      expect(Buffer.isBuffer(pdf)).toBe(true);
      const text = await pdfText(pdf);
      expect(text).toContain(`Brev ${i}`);
      expect(text).toContain(`Til: ${SAMI}, ${POLISH}`);
    }
    // Six renders on this thread would hold it for seconds; in the pool it stays free.
    expect(delay.max / 1e6).toBeLessThan(300);
  });

  test('when a letter cannot be rendered, then that render fails and the pool goes on rendering', async () => {
    pool = createPdfPool({ size: 1 });
    await expect(pool.render({ title: 'x' } as unknown as LetterBody)).rejects.toThrow(/PDF rendering failed/);
    const pdf = await pool.render(letter());
    expect(await pdfText(pdf)).toContain(SAMI);
  });

  test('when the pool is closed, then waiting and new renders are refused', async () => {
    pool = createPdfPool({ size: 1 });
    const first = expect(pool.render(letter())).rejects.toThrow(/closed/);
    const second = expect(pool.render(letter())).rejects.toThrow(/closed/);
    await pool.close();
    await first;
    await second;
    await expect(pool.render(letter())).rejects.toThrow(/closed/);
  });

  test('when a render takes too long, then it fails and a new thread takes the next one', async () => {
    pool = createPdfPool({ size: 1, timeoutMs: 1 });
    await expect(pool.render(letter())).rejects.toThrow(/longer than 1 ms/);
    await pool.close();
    pool = createPdfPool({ size: 1 });
    expect((await pool.render(letter())).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
