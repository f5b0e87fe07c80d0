/**
 * The web app's side of `npm run bench`: in Chromium, the time from navigation to a usable
 * worklist and to a usable case page, with the bench's open cases in PostgreSQL, and the gzipped
 * size of what the first page loads. The bench's API has no identity provider: the app's session
 * (`GET /auth/session`) is answered by the bench's API for its KE token (answerBenchSession), and
 * the app's API calls carry that bearer token; everything else is the app as a caseworker's
 * browser runs it. (Not by Playwright's request routing, which turns the browser's HTTP cache off,
 * so that a page opened again would fetch its assets anew.)
 */
import type { FastifyInstance } from 'fastify';
import type { WebManifest } from '../scripts/build-web';
import { launchBrowser } from '../test/helpers/browser';
import { distribution } from './stats';

const RUNS = 10;

export interface BrowserTimings {
  /** A fresh browser context: nothing cached. */
  worklistMs: ReturnType<typeof distribution>;
  casePageMs: ReturnType<typeof distribution>;
  /** The same page opened again in that context: the hashed assets come from the browser's cache, as on a working day. */
  worklistCachedMs: ReturnType<typeof distribution>;
  casePageCachedMs: ReturnType<typeof distribution>;
  /** Every load's time as the harness saw it: page.goto until its answer that the page is usable (its own round trips to the browser included). */
  harnessMs: ReturnType<typeof distribution>;
  firstPageGzipKb: number;
  firstPageJsGzipKb: number;
  runs: number;
  /** Where the time of the last fresh load of each page went: each request's start and end (ms after navigation), and when the page was usable. */
  waterfall: { worklist: Waterfall; casePage: Waterfall };
}

export interface Waterfall {
  usableMs: number;
  requests: { what: string; startMs: number; endMs: number }[];
}

/** The navigation and every request the page made, from the browser's Resource Timing, in the order they started. */
async function waterfallOf(page: import('playwright-core').Page, usableMs: number): Promise<Waterfall> {
  const requests = await page.evaluate(() =>
    [...performance.getEntriesByType('navigation' as never), ...performance.getEntriesByType('resource' as never)].map((e) => {
      const url = new URL(e.name);
      return { what: `${url.pathname}${url.search}`.replace(/-[A-Z0-9]{8}\.(js|css)$/, '.$1'), startMs: Math.round(e.startTime), endMs: Math.round((e as unknown as { responseEnd: number }).responseEnd) };
    }),
  );
  return { usableMs: Math.round(usableMs), requests: requests.sort((a, b) => a.startMs - b.startMs) };
}

type Page = import('playwright-core').Page;
type Scope = {
  document: { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
  performance: { now(): number };
  requestAnimationFrame(callback: () => void): void;
  bkUsableAt?: number;
};
/**
 * Installed in every document before its own scripts: when a heading matching `source` is first
 * in the DOM, the time (ms after navigation, the document's clock) of the next animation frame,
 * the one it shows in. Measured in the page, so the harness's own round trips to the browser
 * are not counted; the harness's time is reported beside it.
 */
const watchHeading = (source: string) => {
  const w = globalThis as unknown as Scope;
  const pattern = new RegExp(source);
  const observer = new w.MutationObserver(() => {
    if (!Array.from(w.document.querySelectorAll('h1, h2')).some((h) => pattern.test(h.textContent ?? ''))) return;
    observer.disconnect();
    w.requestAnimationFrame(() => {
      w.bkUsableAt = w.performance.now();
    });
  });
  observer.observe(w.document, { childList: true, subtree: true, characterData: true });
};
// A function, not a string: the app's CSP refuses to evaluate strings.
const usableAt = async (page: Page): Promise<number> => {
  const handle = await page.waitForFunction(() => (globalThis as unknown as Scope).bkUsableAt ?? false, undefined, { polling: 100 });
  return (await handle.jsonValue()) as number;
};
/** The worklist is usable when its deadlines are listed; the case page when its actions are. */
const WORKLIST_USABLE = /^Frister \(\d+\)/;
const CASE_PAGE_USABLE = /^Det du kan gjøre nå$/;

const SESSION = { subject: 'bench-ke', name: 'Benk Saksbehandler', roles: ['ke'], municipality: '9999', coordinatorId: null, csrfToken: 'bench', language: 'nb', languageChoice: null };

/** The bench's API answers GET /auth/session with the bench caseworker's session (before the app is ready; the bench's own app only). */
export function answerBenchSession(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || request.url !== '/auth/session') return;
    return reply.header('cache-control', 'no-store').send({ ...SESSION, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
  });
}

export async function browserTimings(base: string, token: string, pick: () => string, manifest: WebManifest): Promise<BrowserTimings> {
  const browser = await launchBrowser();
  // One page load in a fresh context (no cache), until the element that makes the page usable
  // shows: the time in the page, and the harness's (from before page.goto to the answer).
  const harness: number[] = [];
  const timed = async (path: string, usable: RegExp) => {
    const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
    await context.setExtraHTTPHeaders({ authorization: `Bearer ${token}` });
    await context.addInitScript(watchHeading, usable.source);
    const page = await context.newPage();
    const load = async () => {
      const started = performance.now();
      await page.goto(base + path);
      const inPage = await usableAt(page);
      harness.push(performance.now() - started);
      return inPage;
    };
    const cold = await load();
    const coldWaterfall = await waterfallOf(page, cold);
    await page.goto('about:blank');
    const cached = await load();
    await context.close();
    return [cold, cached, coldWaterfall] as const;
  };
  const worklist: number[] = [];
  const casePage: number[] = [];
  const worklistCached: number[] = [];
  const casePageCached: number[] = [];
  const waterfall = {} as BrowserTimings['waterfall'];
  try {
    // One untimed round: the API's and the database's caches, as on a working day.
    await timed('/arbeidsliste', WORKLIST_USABLE);
    harness.length = 0;
    for (let i = 0; i < RUNS; i++) {
      const [w, wc, ww] = await timed('/arbeidsliste', WORKLIST_USABLE);
      const [c, cc, cw] = await timed(`/saker/${pick()}`, CASE_PAGE_USABLE);
      waterfall.worklist = ww;
      waterfall.casePage = cw;
      worklist.push(w);
      worklistCached.push(wc);
      casePage.push(c);
      casePageCached.push(cc);
    }
  } finally {
    await browser.close();
  }
  const first = manifest.pages.Arbeidsliste ?? Object.values(manifest.pages)[0];
  const jsGzip = manifest.files.filter((f) => first.files.includes(f.file) && f.file.endsWith('.js')).reduce((sum, f) => sum + f.gzipBytes, 0);
  return {
    worklistMs: distribution(worklist),
    casePageMs: distribution(casePage),
    worklistCachedMs: distribution(worklistCached),
    casePageCachedMs: distribution(casePageCached),
    firstPageGzipKb: Math.round(first.gzipBytes / 102.4) / 10,
    firstPageJsGzipKb: Math.round(jsGzip / 102.4) / 10,
    harnessMs: distribution(harness),
    runs: RUNS,
    waterfall,
  };
}
