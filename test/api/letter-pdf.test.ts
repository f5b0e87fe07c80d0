/**
 * Letter PDFs through the API (api/routes/letters.ts): rendered once, in a worker thread, on the
 * first download and stored with the letter; later downloads, and downloads that come while it
 * renders, get the stored bytes. Names outside Latin-1 read back as written; bidi controls are
 * gone from the PDF, the HTML and the JSON.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { bearer } from '../helpers/auth';
import { allMet, interview, today } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { startServices, type Services } from '../helpers/services';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const SAMI = 'Áŋŋá Čáhppes';
const POLISH = 'Łukasz Wiśniewski';

function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, '..', 'helpers', 'pdf-text.mjs')], { timeout: 30_000, maxBuffer: 10 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve((JSON.parse(stdout) as { pages: string[] }).pages.join('\n')),
    );
    child.stdin!.end(pdf);
  });
}

async function fetchLetter(caseId: string, letterId: string, accept = 'application/pdf') {
  return s.app.inject({ method: 'GET', url: `/cases/${caseId}/letters/${letterId}`, headers: { accept, ...(await bearer()) } });
}

const storedPdf = async (letterId: string) => (await s.pool.query<{ pdf: Buffer | null }>('SELECT pdf FROM letters WHERE id = $1', [letterId])).rows[0].pdf;

async function ok(url: string, body: unknown, expected = 200) {
  const res = await call(s.app, 'POST', url, body);
  if (res.status !== expected) throw new Error(`POST ${url} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A case granted by decision, to parents with Sámi and Polish names: its decision letter. */
async function decisionLetter() {
  const id = (
    await ok(
      '/cases',
      {
        child: { name: 'Máret Čáhppes', birthDate: '2019-05-02' },
        consenters: [
          { name: SAMI, role: 'parent' },
          { name: POLISH, role: 'parent' },
        ],
        channel: 'written',
        reasons: 'Familien har mange tjenester som ikke henger sammen.',
        receivedOn: today(),
      },
      201,
    )
  ).id as string;
  await ok(`/cases/${id}/consents`, { givenBy: SAMI, role: 'parent', covers: ['appointment', 'information_sharing'], givenOn: today() });
  await ok(`/cases/${id}/kartlegging`, interview);
  await ok(`/cases/${id}/kartlegging/assessment`, allMet);
  await ok(`/cases/${id}/decision`, { outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', decidedOn: today() });
  const letters = (await call(s.app, 'GET', `/cases/${id}/letters`)).body.letters as { id: string }[];
  expect(letters).toHaveLength(1);
  return { caseId: id, letterId: letters[0].id };
}

test('when a letter is downloaded as PDF, then it is rendered once and stored, and later downloads get the stored bytes', async () => {
  const { caseId, letterId } = await decisionLetter();
  expect(await storedPdf(letterId)).toBeNull();
  const before = s.app.pdfPool.rendered;

  const first = await fetchLetter(caseId, letterId);
  expect(first.statusCode).toBe(200);
  expect(first.headers['content-type']).toBe('application/pdf');
  expect(s.app.pdfPool.rendered).toBe(before + 1);
  expect(Buffer.compare(first.rawPayload, (await storedPdf(letterId))!)).toBe(0);
  const text = await pdfText(first.rawPayload);
  expect(text).toContain(`Til: ${SAMI}, ${POLISH}`);

  const second = await fetchLetter(caseId, letterId);
  expect(Buffer.compare(second.rawPayload, first.rawPayload)).toBe(0);
  expect(s.app.pdfPool.rendered).toBe(before + 1);

  // What is stored is what is served: no rendering behind it.
  const marker = Buffer.from('%PDF-1.3\n% stored bytes\n');
  await s.pool.query('UPDATE letters SET pdf = $2 WHERE id = $1', [letterId, marker]);
  const third = await fetchLetter(caseId, letterId);
  expect(third.rawPayload.toString()).toBe(marker.toString());
  expect(s.app.pdfPool.rendered).toBe(before + 1);

  // HTML and JSON are as before.
  expect((await fetchLetter(caseId, letterId, 'text/html')).body).toContain(SAMI);
  expect(JSON.parse((await fetchLetter(caseId, letterId, 'application/json')).body).to).toEqual([SAMI, POLISH]);
});

test('when many downloads of a new letter come at once, then it is rendered once and all get the stored bytes', async () => {
  const { caseId, letterId } = await decisionLetter();
  const before = s.app.pdfPool.rendered;
  const replies = await Promise.all(Array.from({ length: 8 }, () => fetchLetter(caseId, letterId)));
  expect(replies.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
  const stored = (await storedPdf(letterId))!;
  for (const r of replies) expect(Buffer.compare(r.rawPayload, stored)).toBe(0);
  expect(s.app.pdfPool.rendered).toBe(before + 1);
});

test('when a stored letter has bidi controls in its names, then its PDF, HTML and JSON have none', async () => {
  const { caseId } = await decisionLetter();
  const letterId = randomUUID();
  const controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
  const body = {
    title: 'Vedtak om barnekoordinator',
    date: today(),
    to: [`\u202E${SAMI}\u202C`, `\u2067${POLISH}\u2069`],
    sections: [{ heading: 'Vedtak', text: `Gjelder \u202Dbarnet\u202C.` }],
    signature: 'Testkommune',
  };
  const html = `<p class="to">Til: \u202E${SAMI}\u202C, \u2067${POLISH}\u2069</p>`;
  await s.pool.query("INSERT INTO letters (id, case_id, kind, title, body, html, created_at) VALUES ($1, $2, 'decision', $3, $4, $5, now())", [
    letterId,
    caseId,
    body.title,
    JSON.stringify(body),
    html,
  ]);
  const pdf = await fetchLetter(caseId, letterId);
  const served = [await pdfText(pdf.rawPayload), (await fetchLetter(caseId, letterId, 'text/html')).body, (await fetchLetter(caseId, letterId, 'application/json')).body];
  for (const text of served) {
    for (const c of controls) expect(text).not.toContain(c);
    expect(text).toContain(SAMI);
    expect(text).toContain(POLISH);
  }
  expect(served[0]).toContain(`Til: ${SAMI}, ${POLISH}`);
});

test('when the letter is not in the case, then 404, and nothing is rendered', async () => {
  const { caseId } = await decisionLetter();
  const before = s.app.pdfPool.rendered;
  expect((await fetchLetter(caseId, randomUUID())).statusCode).toBe(404);
  expect(s.app.pdfPool.rendered).toBe(before);
});
