/**
 * Browser sign-in for tests: the local OpenID provider (scripts/idp.ts) as a child process, a
 * browser's cookie jar over fetch, and `loginAs`, which signs in through the real flow
 * (/auth/login → the provider's login page → /auth/callback) and hands back the session cookie.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DEV_USERS, type DevUser } from '../../lib/idp';

const ROOT = join(__dirname, '..', '..');

export const TEST_CLIENT = { id: 'barnekoordinator-web', secret: 'test-secret-of-the-web-client' };

export interface TestIdp {
  issuer: string;
  proc: ChildProcess;
  close(): Promise<void>;
}

/** Starts the provider on a free port, with a client for each of the given service base URLs. */
export async function startIdp(baseUrls: string[], users: readonly DevUser[] = DEV_USERS): Promise<TestIdp> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'idp.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      IDP_PORT: '0',
      IDP_CLIENT_ID: TEST_CLIENT.id,
      IDP_CLIENT_SECRET: TEST_CLIENT.secret,
      IDP_REDIRECT_URIS: baseUrls.map((b) => `${b}/auth/callback`).join(','),
      IDP_POST_LOGOUT_REDIRECT_URIS: baseUrls.map((b) => `${b}/`).join(','),
      IDP_USERS: JSON.stringify(users),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  createInterface({ input: proc.stderr! }).on('line', (line) => output.push(line));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the provider did not start: ${output.join('\n')}`)), 30_000);
    proc.once('exit', (code) => reject(new Error(`the provider exited (${code}): ${output.join('\n')}`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      output.push(line);
      try {
        const log = JSON.parse(line) as { msg?: string; issuer?: string };
        if (log.msg === 'idp listening' && log.issuer) {
          clearTimeout(timer);
          resolve(log.issuer);
        }
      } catch {
        // not a log line
      }
    });
  });
  return {
    issuer,
    proc,
    close: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

/** One browser: cookies by name for the loopback host (a browser keeps them per host, not per port). */
export class Browser {
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie header seen, for checking a cookie's attributes. */
  readonly setCookies: string[] = [];

  cookieHeader(names?: string[]): string {
    return [...this.cookies]
      .filter(([name]) => !names || names.includes(name))
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0 && !headers.has('cookie')) headers.set('cookie', this.cookieHeader());
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      this.setCookies.push(line);
      const [pair, ...attributes] = line.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const gone = attributes.some((a) => /^max-age=(0|-\d+)$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now()));
      if (gone || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Follows redirects (GET) from `url` until an answer that is not one; returns it and where it was. */
  async follow(url: string, init: RequestInit = {}, max = 10): Promise<{ res: Response; url: string; visited: string[] }> {
    const visited: string[] = [];
    let res = await this.fetch(url, init);
    visited.push(url);
    while (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      if (visited.length > max) throw new Error(`too many redirects: ${visited.join(' → ')}`);
      url = new URL(res.headers.get('location')!, url).href;
      visited.push(url);
      res = await this.fetch(url);
    }
    return { res, url, visited };
  }
}

/** The login page's form action and its buttons (subject → accessible text). */
export function parseLoginPage(html: string, pageUrl: string): { action: string; buttons: Map<string, string> } {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no login form in: ${html.slice(0, 500)}`);
  const buttons = new Map<string, string>();
  for (const m of html.matchAll(/<button type="submit" name="subject" value="([^"]+)">([^<]+)<\/button>/g)) buttons.set(m[1], m[2]);
  return { action: new URL(action, pageUrl).href, buttons };
}

export interface LoggedIn {
  browser: Browser;
  /** The Cookie header that carries the session. */
  cookie: string;
  /** The callback's answer: where it sent the browser, and its Set-Cookie for the session. */
  location: string;
  setCookie: string;
}

/**
 * Signs in as a development user through the whole flow, stopping at the callback's answer
 * (a 302 to returnTo with the session cookie, or a refusal, which throws).
 */
export async function loginAs(baseUrl: string, subject: string, opts: { returnTo?: string; browser?: Browser } = {}): Promise<LoggedIn> {
  const { browser, callback } = await loginUntilCallback(baseUrl, subject, opts);
  const res = await browser.fetch(callback);
  if (res.status !== 302) throw new Error(`the callback answered ${res.status}: ${await res.text()}`);
  const setCookie = res.headers.getSetCookie().find((c) => /^(__Host-)?bk_session=/.test(c));
  if (!setCookie) throw new Error('the callback set no session cookie');
  const name = setCookie.slice(0, setCookie.indexOf('='));
  return { browser, cookie: browser.cookieHeader([name]), location: res.headers.get('location')!, setCookie };
}

/** The flow up to the provider's redirect back to the service; returns the callback URL, not yet visited. */
export async function loginUntilCallback(baseUrl: string, subject: string, opts: { returnTo?: string; browser?: Browser } = {}): Promise<{ browser: Browser; callback: string }> {
  const browser = opts.browser ?? new Browser();
  const start = `${baseUrl}/auth/login${opts.returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(opts.returnTo)}`}`;
  const { res: page, url } = await browser.follow(start);
  if (page.status !== 200) throw new Error(`the login page answered ${page.status}: ${await page.text()}`);
  const { action, buttons } = parseLoginPage(await page.text(), url);
  if (!buttons.has(subject)) throw new Error(`no button for ${subject} on the login page`);
  let res = await browser.fetch(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ subject }).toString() });
  let next = action;
  // Through the provider's own redirects until it sends the browser back to the service.
  for (let i = 0; i < 10; i++) {
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) throw new Error(`the provider answered ${res.status}: ${await res.text()}`);
    next = new URL(location, next).href;
    if (next.startsWith(`${baseUrl}/auth/callback`)) return { browser, callback: next };
    res = await browser.fetch(next);
  }
  throw new Error('the provider did not send the browser back');
}
