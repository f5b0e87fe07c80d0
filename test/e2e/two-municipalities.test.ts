/**
 * Issue #16, done when: two municipalities on one running stack, one nynorsk (4606) and one
 * bokmål (4607), set up through their administrators, each register, decide and close a case;
 * their letters (HTML and PDF), a reminder e-mail through a real SMTP server and the yearly CSV
 * come out in their own målform, signed with their own name and address; neither sees the
 * other's settings or cases. Municipalities 4606 and 4607 are this file's own.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createActivities } from '../../activities';
import { createSmtpMailer, startDispatcher, type Dispatcher } from '../../worker/dispatcher';
import { bearer } from '../helpers/auth';
import { allMet, caseRequest, interview, today } from '../helpers/fixtures';
import { call, eventually } from '../helpers/http';
import { MUNICIPALITY, logger, startServices, type Services } from '../helpers/services';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';

let s: Services;
let smtp: TestSmtpServer;
let dispatcher: Dispatcher | undefined;
beforeAll(async () => {
  [s, smtp] = await Promise.all([startServices(), startSmtpServer()]);
});
afterAll(async () => {
  await dispatcher?.stop();
  await smtp?.close();
  await s?.close();
});

interface Kommune {
  number: string;
  malform: 'nb' | 'nn';
  settings: Record<string, unknown> & { name: string; kePostalAddress: string; keEmail: string };
  /** Words only this målform's letters have. */
  own: RegExp;
  /** Words only the other målform's letters have. */
  other: RegExp;
}

const FJELLNES: Kommune = {
  number: '4606',
  malform: 'nn',
  settings: {
    name: 'Fjellnes kommune',
    kePostalAddress: 'Koordinerande eining, Postboks 46, 6060 Fjellnes',
    keEmail: 'ke@fjellnes.kommune.test',
    kePhone: null,
    letterheadName: 'Fjellnes kommune – koordinerande eining',
    malform: 'nn',
    complaintAddress: 'Koordinerande eining, Postboks 46, 6060 Fjellnes',
  },
  own: /Avgjerd om barnekoordinator|Koordinerande eining, Fjellnes kommune/,
  other: /Avgjørelse|Koordinerende enhet|Sjøby/,
};

const SJOBY: Kommune = {
  number: '4607',
  malform: 'nb',
  settings: {
    name: 'Sjøby kommune',
    kePostalAddress: 'Koordinerende enhet, Postboks 47, 7070 Sjøby',
    keEmail: 'ke@sjoby.kommune.test',
    kePhone: '+47 70 70 70 70',
    letterheadName: 'Sjøby kommune',
    malform: 'nb',
    complaintAddress: 'Koordinerende enhet, Postboks 47, 7070 Sjøby',
  },
  own: /Avgjørelse om barnekoordinator|Koordinerende enhet, Sjøby kommune/,
  other: /Avgjerd|Koordinerande eining|Fjellnes/,
};

const admin = (k: Kommune) => bearer({ roles: ['admin'], sub: `admin-${k.number}`, municipality: k.number });
const ke = (k: Kommune) => bearer({ roles: ['ke'], sub: `ke-${k.number}`, municipality: k.number });
/** KE reading a closed case gives a reason, which its access log keeps. */
const keReading = async (k: Kommune) => ({ ...(await ke(k)), 'x-access-reason': 'Kontroll av brev' });

async function ok(k: Kommune, method: 'POST' | 'PUT', url: string, body: unknown, expected = [200, 201]) {
  const res = await call(s.app, method, url, body, await ke(k));
  if (!expected.includes(res.status)) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Registers, consents, maps, grants and closes a case; its id. */
async function decideAndClose(k: Kommune, extra: Record<string, unknown> = {}): Promise<string> {
  const { id } = await ok(k, 'POST', '/cases', { ...caseRequest(), caseworkerName: 'Siv Saksbehandlar', ...extra });
  await ok(k, 'POST', `/cases/${id}/consents`, { givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment', 'information_sharing'], givenOn: today() });
  await ok(k, 'POST', `/cases/${id}/kartlegging`, interview);
  await ok(k, 'POST', `/cases/${id}/kartlegging/assessment`, allMet);
  await ok(k, 'POST', `/cases/${id}/decision`, { outcome: 'granted', reasons: 'Alle vilkår er oppfylte.', decidedOn: today() });
  await ok(k, 'POST', `/cases/${id}/closure`, { reason: 'moved_away', on: today() });
  return id;
}

function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, '..', 'helpers', 'pdf-text.mjs')], { timeout: 30_000, maxBuffer: 10 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve((JSON.parse(stdout) as { pages: string[] }).pages.join('\n')),
    );
    child.stdin!.end(pdf);
  });
}

/** The case's letters as HTML and as the PDF's text, oldest first. */
async function lettersOf(k: Kommune, caseId: string, count: number) {
  const auth = await keReading(k);
  const list = await eventually(async () => {
    const res = await call(s.app, 'GET', `/cases/${caseId}/letters`, undefined, auth);
    return res.body.letters?.length === count ? (res.body.letters as { id: string; kind: string }[]) : undefined;
  });
  return Promise.all(
    list.map(async ({ id, kind }) => {
      const html = await s.app.inject({ method: 'GET', url: `/cases/${caseId}/letters/${id}`, headers: { accept: 'text/html', ...auth } });
      const pdf = await s.app.inject({ method: 'GET', url: `/cases/${caseId}/letters/${id}`, headers: { accept: 'application/pdf', ...auth } });
      expect([html.statusCode, pdf.statusCode]).toEqual([200, 200]);
      return { id, kind, html: html.body, pdf: (await pdfText(pdf.rawPayload)).replace(/\s+/g, ' ') };
    }),
  );
}

const cases = new Map<string, string>();

describe('two municipalities on one stack', () => {
  test('when each administrator saves their settings, then each sees their own entry and never the other’s', async () => {
    for (const k of [FJELLNES, SJOBY]) {
      const res = await call(s.app, 'PUT', '/admin/municipality', k.settings, await admin(k));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ number: k.number, name: k.settings.name, malform: k.malform });
    }
    for (const [k, other] of [
      [FJELLNES, SJOBY],
      [SJOBY, FJELLNES],
    ]) {
      const own = await call(s.app, 'GET', '/admin/municipality', undefined, await admin(k));
      expect(own.body).toMatchObject({ number: k.number, name: k.settings.name });
      expect(JSON.stringify(own.body)).not.toContain(other.settings.name);
      const changes = await call(s.app, 'GET', '/admin/municipality/changes', undefined, await admin(k));
      expect(JSON.stringify(changes.body)).not.toContain(other.settings.name);
      // KE reads who it works for, not the administrator's settings.
      expect((await call(s.app, 'GET', '/municipality', undefined, await ke(k))).body).toMatchObject({ number: k.number, name: k.settings.name, malform: k.malform });
      expect((await call(s.app, 'GET', '/admin/municipality', undefined, await ke(k))).status).toBe(403);
    }
  });

  test.each([FJELLNES, SJOBY])('when $settings.name registers, decides and closes a case, then its letters in HTML and PDF are in its målform and signed with its name and address', async (k) => {
    const id = await decideAndClose(k);
    cases.set(k.number, id);
    const detail = await call(s.app, 'GET', `/cases/${id}`, undefined, await keReading(k));
    expect(detail.body.language).toEqual({ malform: k.malform, municipalityDefault: true, municipalityMalform: k.malform });

    const letters = await lettersOf(k, id, 2);
    expect(letters.map((l) => l.kind)).toEqual(['decision', 'closure']);
    for (const letter of letters) {
      for (const text of [letter.html, letter.pdf]) {
        expect(text).toMatch(k.malform === 'nn' ? /Koordinerande eining, Fjellnes kommune/ : /Koordinerende enhet, Sjøby kommune/);
        expect(text).toContain(k.settings.kePostalAddress);
        expect(text).toContain(k.malform === 'nn' ? 'Med venleg helsing' : 'Med vennlig hilsen');
        expect(text).not.toContain(k.malform === 'nn' ? 'Med vennlig hilsen' : 'Med venleg helsing');
        expect(text).not.toMatch(k.other);
        expect(text).not.toContain(MUNICIPALITY.name);
      }
      expect(letter.html).toContain(`<html lang="${k.malform}">`);
      expect(letter.html).toContain(`<p class="letterhead">${k.settings.letterheadName}</p>`);
    }
    const [decision, closure] = letters;
    expect(decision.html).toMatch(k.own);
    expect(decision.pdf).toMatch(k.malform === 'nn' ? /Avgjerd om barnekoordinator.*De kan klage på avgjerda/ : /Avgjørelse om barnekoordinator.*Dere kan klage på avgjørelsen/);
    expect(closure.pdf).toMatch(k.malform === 'nn' ? /Familien har flytta frå kommunen/ : /Familien har flyttet fra kommunen/);
    // Dates the Norwegian way: "3. mars 2026" in both forms.
    const [y, m, d] = today().split('-').map(Number);
    const month = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'][m - 1];
    expect(decision.html).toContain(`Dato: ${d}. ${month} ${y}`);
  });

  test('when the family of a bokmål municipality asks for nynorsk, then their letters are in nynorsk, still signed by their own municipality', async () => {
    const id = await decideAndClose(SJOBY, { malform: 'nn' });
    const detail = await call(s.app, 'GET', `/cases/${id}`, undefined, await keReading(SJOBY));
    expect(detail.body.language).toMatchObject({ malform: 'nn', municipalityDefault: false, municipalityMalform: 'nb', changedBy: `ke-${SJOBY.number}` });
    const [decision] = await lettersOf(SJOBY, id, 2);
    expect(decision.pdf).toMatch(/Avgjerd om barnekoordinator/);
    expect(decision.pdf).toMatch(/Koordinerande eining, Sjøby kommune/);
    expect(decision.pdf).toContain(SJOBY.settings.kePostalAddress);
  });

  test('when a reminder falls due in each municipality, then the e-mail goes through SMTP to its own KE, in its målform, naming its KE', async () => {
    const [fjellnes, sjoby] = [cases.get(FJELLNES.number)!, cases.get(SJOBY.number)!];
    // As the workflow records a deadline alert: the activity's own outbox write.
    const { recordAlert } = createActivities({ pool: s.pool, logger, municipality: MUNICIPALITY });
    const dueAt = `${today()}T08:00:00.000Z`;
    for (const caseId of [fjellnes, sjoby]) {
      await recordAlert({ key: `reminder:${caseId}:minutes:e2e`, caseId, level: 'reminder', kind: 'minutes', recipient: 'ke', dueAt, firedAt: dueAt });
    }
    dispatcher = startDispatcher({
      pool: s.pool,
      logger,
      mailer: createSmtpMailer(smtp.url, 'barnekoordinator@deployment.test'),
      publicBaseUrl: 'https://bk.deployment.test',
      keEmail: 'ke@deployment.test',
      intervalMs: 50,
      caseIds: [fjellnes, sjoby],
    });
    const mails = await eventually(async () => {
      const parsed = await smtp.parsed();
      return parsed.length >= 2 ? parsed : undefined;
    });
    const to = (address: string) => mails.filter((m) => m.envelopeTo.includes(address));
    const [nn] = to(FJELLNES.settings.keEmail);
    const [nb] = to(SJOBY.settings.keEmail);
    expect(mails).toHaveLength(2);
    expect(nn.subject).toMatch(/^Påminning: referat manglar – frist /);
    expect(nn.text).toContain('Referatet frå ansvarsgruppemøtet er ikkje registrert.');
    expect(nn.text).toContain('Koordinerande eining, Fjellnes kommune');
    expect(nn.text).toContain(`Opne saka: https://bk.deployment.test/cases/${fjellnes}`);
    expect(nn.text).not.toMatch(/Sjøby|Påminnelse|saken/);
    expect(nb.subject).toMatch(/^Påminnelse: referat mangler – frist /);
    expect(nb.text).toContain('Koordinerende enhet, Sjøby kommune');
    expect(nb.text).not.toMatch(/Fjellnes|Påminning|saka/);
  });

  test.each([FJELLNES, SJOBY])('when $settings.name takes out its yearly CSV, then it is in its målform and counts its own cases only', async (k) => {
    const year = today().slice(0, 4);
    const res = await call(s.app, 'GET', `/ke/reports/yearly?year=${year}&format=csv`, undefined, await ke(k));
    expect(res.status).toBe(200);
    const rows: string[][] = parse(res.body, { bom: true, delimiter: ';' });
    const received = rows.find((r) => r[0] === (k.malform === 'nn' ? 'Førespurnader mottekne' : 'Henvendelser mottatt') && r[1] === 'i alt');
    const { rows: own } = await s.pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM cases WHERE municipality = $1 AND received_on >= $2::date AND received_on < ($2::date + interval '1 year')",
      [k.number, `${year}-01-01`],
    );
    expect(received?.[2]).toBe(own[0].n);
    expect(res.body).not.toMatch(k.malform === 'nn' ? /Avgjørelser|Henvendelser/ : /Avgjerder|Førespurnader/);
  });

  test("when one municipality's KE reaches for the other's case, letters or målform, then it is refused and nothing changes", async () => {
    const sjoby = cases.get(SJOBY.number)!;
    const auth = await keReading(FJELLNES);
    const letters = await call(s.app, 'GET', `/cases/${sjoby}/letters`, undefined, await keReading(SJOBY));
    for (const url of [`/cases/${sjoby}`, `/cases/${sjoby}/letters`, `/cases/${sjoby}/letters/${letters.body.letters[0].id}`, `/cases/${sjoby}/malform`]) {
      expect([403, 404]).toContain((await call(s.app, 'GET', url, undefined, auth)).status);
    }
    expect([403, 404]).toContain((await call(s.app, 'PUT', `/cases/${sjoby}/malform`, { malform: 'nn' }, auth)).status);
    expect((await call(s.app, 'GET', `/cases/${sjoby}/malform`, undefined, await keReading(SJOBY))).body).toMatchObject({ malform: 'nb', municipalityDefault: true });
  });
});
