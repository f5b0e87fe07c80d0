/**
 * Browser sign-in end to end: the local OpenID provider as its own process, the API listening
 * on a real port, and fetch with a cookie jar as the browser. Sign-in, the session cookie, the
 * CSRF check, logout at the provider, idle expiry, refusal of a user without a role, roles from
 * KE's table, and returnTo kept on this site.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import type { WebAuthSettings } from '../../api/plugins/session';
import { DEV_USERS } from '../../lib/idp';
import { freePort } from '../../scripts/ports';
import { bearer } from '../helpers/auth';
import { caseRequest } from '../helpers/fixtures';
import { Browser, TEST_CLIENT, loginAs, loginUntilCallback, parseLoginPage, startIdp, type TestIdp } from '../helpers/idp';
import { logger, startServices, testPayloadKeys, type Services } from '../helpers/services';
import { testAuthSettings } from '../helpers/auth';

const NO_ROLE = { subject: 'uten-rolle', name: 'Uten Rolle', roles: [], municipality: '9999' };

let s: Services;
let idp: TestIdp;
let tableApp: FastifyInstance;
let base: string;
let tableBase: string;

const webSettings = (publicBaseUrl: string, issuer: string, extra: Partial<WebAuthSettings> = {}): WebAuthSettings => ({
  issuer,
  clientId: TEST_CLIENT.id,
  clientSecret: TEST_CLIENT.secret,
  publicBaseUrl,
  ...extra,
});

beforeAll(async () => {
  const [port, tablePort] = await Promise.all([freePort(), freePort()]);
  base = `http://127.0.0.1:${port}`;
  tableBase = `http://127.0.0.1:${tablePort}`;
  idp = await startIdp([base, tableBase], [...DEV_USERS, NO_ROLE]);
  s = await startServices({ web: webSettings(base, idp.issuer) });
  await s.app.listen({ host: '127.0.0.1', port });
  tableApp = await buildApp({
    logger,
    pool: s.pool,
    temporal: s.client,
    taskQueue: s.taskQueue,
    policy: s.policy,
    auth: await testAuthSettings(),
    payloadKeys: testPayloadKeys(),
    web: webSettings(tableBase, idp.issuer, { rolesSource: 'table' }),
  });
  await tableApp.listen({ host: '127.0.0.1', port: tablePort });
}, 60_000);

afterAll(async () => {
  await tableApp?.close();
  await s?.close();
  await idp?.close();
});

const read = async (res: Response): Promise<any> => res.json();
/** A JSON request for fetch. */
const send = (method: string, headers: Record<string, string>, body: unknown): RequestInit => ({
  method,
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('signing in', () => {
  test('when Kari signs in, then the provider lists the six users, the session cookie is HttpOnly and Lax, and she can read and, with the CSRF token, write', async () => {
    const browser = new Browser();
    const { res: page, url } = await browser.follow(`${base}/auth/login?returnTo=${encodeURIComponent('/cases?status=open')}`);
    expect(url.startsWith(`${idp.issuer}/interaction/`)).toBe(true);
    const html = await page.text();
    expect(html).toContain('<html lang="nb">');
    expect(html).toMatch(/<main>[\s\S]*<h1>Logg inn<\/h1>/);
    expect(html).not.toMatch(/<script>|\son[a-z]+=/);
    const { buttons } = parseLoginPage(html, url);
    for (const user of DEV_USERS) expect(buttons.get(user.subject)).toBe(`Logg inn som ${user.name}`);
    expect(buttons.get('ke-kari')).toBe('Logg inn som Kari Nordmann');

    const kari = await loginAs(base, 'ke-kari', { browser, returnTo: '/cases?status=open' });
    expect(kari.location).toBe('/cases?status=open');
    const attributes = kari.setCookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
    expect(attributes).not.toContain('secure');
    expect(kari.setCookie.startsWith('bk_session=')).toBe(true);

    const session = await fetch(`${base}/auth/session`, { headers: { cookie: kari.cookie } });
    expect(session.status).toBe(200);
    const me = await read(session);
    expect(me).toEqual({
      subject: 'ke-kari',
      name: 'Kari Nordmann',
      roles: ['ke'],
      municipality: '9999',
      coordinatorId: null,
      csrfToken: expect.any(String),
      expiresAt: expect.any(String),
      language: 'nb',
      languageChoice: null,
    });
    // Only a hash of the session id is kept.
    const id = kari.cookie.split('=')[1];
    const stored = await s.pool.query('SELECT id_hash FROM web_sessions WHERE subject = $1', ['ke-kari']);
    expect(stored.rows.map((r) => r.id_hash)).not.toContain(id);

    const list = await fetch(`${base}/cases`, { headers: { cookie: kari.cookie } });
    expect(list.status).toBe(200);

    const noToken = await fetch(`${base}/cases`, send('POST', { cookie: kari.cookie }, caseRequest()));
    expect(noToken.status).toBe(403);
    expect((await read(noToken)).detail).toMatch(/x-csrf-token/);

    const wrongToken = await fetch(`${base}/cases`, send('POST', { cookie: kari.cookie, 'x-csrf-token': 'guessed' }, caseRequest()));
    expect(wrongToken.status).toBe(403);

    const foreign = await fetch(`${base}/cases`, send('POST', { cookie: kari.cookie, 'x-csrf-token': me.csrfToken, origin: 'https://evil.example' }, caseRequest()));
    expect(foreign.status).toBe(403);
    expect((await read(foreign)).detail).toMatch(/evil\.example/);

    const created = await fetch(`${base}/cases`, send('POST', { cookie: kari.cookie, 'x-csrf-token': me.csrfToken, origin: base }, caseRequest()));
    expect(created.status).toBe(201);
    const { id: caseId } = await read(created);
    const one = await fetch(`${base}/cases/${caseId}`, { headers: { cookie: kari.cookie } });
    expect(one.status).toBe(200);
    // The access log names her subject, as for a bearer token.
    const logged = await s.pool.query('SELECT subject FROM access_log WHERE case_id = $1', [caseId]);
    expect(logged.rows.map((r) => r.subject)).toContain('ke-kari');
  });

  test('when Kari chooses nynorsk for the web app, then her sessions say so and no one else\'s; a wrong value or a missing CSRF token changes nothing; null goes back to the municipality\'s', async () => {
    const kari = await loginAs(base, 'ke-kari');
    const ola = await loginAs(base, 'ke-ola');
    const me = await read(await fetch(`${base}/auth/session`, { headers: { cookie: kari.cookie } }));
    const put = (body: unknown, headers: Record<string, string> = { cookie: kari.cookie, 'x-csrf-token': me.csrfToken }) => fetch(`${base}/me/language`, send('PUT', headers, body));

    const chosen = await put({ language: 'nn' });
    expect(chosen.status).toBe(200);
    expect(await read(chosen)).toEqual({ language: 'nn', languageChoice: 'nn', municipalityLanguage: 'nb' });
    const again = await loginAs(base, 'ke-kari');
    expect(await read(await fetch(`${base}/auth/session`, { headers: { cookie: again.cookie } }))).toMatchObject({ language: 'nn', languageChoice: 'nn' });
    expect(await read(await fetch(`${base}/auth/session`, { headers: { cookie: ola.cookie } }))).toMatchObject({ language: 'nb', languageChoice: null });

    const wrong = await put({ language: 'se' });
    expect(wrong.status).toBe(400);
    expect((await read(wrong)).detail).toMatch(/language/);
    const noCsrf = await put({ language: 'nb' }, { cookie: kari.cookie });
    expect(noCsrf.status).toBe(403);
    expect(await read(await fetch(`${base}/me/language`, { headers: { cookie: kari.cookie } }))).toEqual({ language: 'nn', languageChoice: 'nn', municipalityLanguage: 'nb' });

    const back = await put({ language: null });
    expect(await read(back)).toEqual({ language: 'nb', languageChoice: null, municipalityLanguage: 'nb' });
  });

  test('when a request carries a bearer token and a session cookie, then the token decides and no CSRF token is needed', async () => {
    const kari = await loginAs(base, 'ke-kari');
    const coordinator = await bearer({ roles: ['coordinator'] });
    const res = await fetch(`${base}/units`, send('POST', { cookie: kari.cookie, ...coordinator }, { name: 'X', sector: 'health' }));
    expect(res.status).toBe(403);
    expect((await read(res)).detail).toMatch(/role coordinator/);
  });

  test('when a coordinator signs in, then the session names the registry coordinator with their subject', async () => {
    const unit = await fetch(`${base}/units`, send('POST', await bearer({ municipality: '9999' }), { name: `Enhet ${Date.now()}`, sector: 'health' }));
    expect(unit.status).toBe(201);
    const unitId = (await read(unit)).id;
    const registered = await fetch(
      `${base}/coordinators`,
      send('POST', await bearer({ municipality: '9999' }), { unitId, name: 'Ingrid Berg', email: `ingrid.${Date.now()}@kommune.test`, subject: 'koordinator-ingrid' }),
    );
    expect(registered.status).toBe(201);
    const ingrid = await loginAs(base, 'koordinator-ingrid');
    const me = await read(await fetch(`${base}/auth/session`, { headers: { cookie: ingrid.cookie } }));
    expect(me).toMatchObject({ roles: ['coordinator'], coordinatorId: (await read(registered)).id });
  });

  test('when returnTo points at another site, then the browser lands on the front page instead', async () => {
    for (const returnTo of ['//evil.example', 'https://evil.example/x', '/\\evil.example', 'cases']) {
      const { location } = await loginAs(base, 'leder-marit', { returnTo });
      expect({ returnTo, location }).toEqual({ returnTo, location: '/' });
    }
  });

  test('when a user has no role of the service, then the callback refuses with 403 and opens no session', async () => {
    const { browser, callback } = await loginUntilCallback(base, NO_ROLE.subject);
    const res = await browser.fetch(callback);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await read(res)).detail).toMatch(/no role/);
    expect(res.headers.getSetCookie().some((c) => /^bk_session=[^;]/.test(c))).toBe(false);
    expect((await s.pool.query('SELECT count(*)::int AS n FROM web_sessions WHERE subject = $1', [NO_ROLE.subject])).rows[0].n).toBe(0);
  });

  test('when a client asks the provider for a code without PKCE, or with the plain method, then it is refused', async () => {
    const ask = async (extra: Record<string, string>) => {
      const params = new URLSearchParams({ client_id: TEST_CLIENT.id, response_type: 'code', redirect_uri: `${base}/auth/callback`, scope: 'openid profile', state: 's', ...extra });
      const res = await fetch(`${idp.issuer}/auth?${params}`, { redirect: 'manual' });
      return new URL(res.headers.get('location') ?? '', idp.issuer).searchParams;
    };
    expect((await ask({})).get('error')).toBe('invalid_request');
    expect((await ask({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' })).get('error')).toBe('invalid_request');
  });

  test('when the callback is replayed or comes without a sign-in in progress, then it is refused', async () => {
    const { browser, callback } = await loginUntilCallback(base, 'ke-ola');
    const stolen = new Browser();
    expect((await stolen.fetch(callback)).status).toBe(400);
    expect((await browser.fetch(callback)).status).toBe(302);
    // The same code and login again: both are used up.
    const again = await fetch(callback, { headers: { cookie: browser.cookieHeader() }, redirect: 'manual' });
    expect(again.status).toBe(400);
  });
});

describe('the session', () => {
  test('when she logs out, then the answer sends her to the provider, which ends its session and comes back, and the old cookie works no more', async () => {
    const kari = await loginAs(base, 'ke-kari');
    const { csrfToken } = await read(await fetch(`${base}/auth/session`, { headers: { cookie: kari.cookie } }));

    expect((await fetch(`${base}/auth/logout`, { method: 'POST', headers: { cookie: kari.cookie } })).status).toBe(403);
    const out = await kari.browser.fetch(`${base}/auth/logout`, { method: 'POST', headers: { 'x-csrf-token': csrfToken, origin: base } });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().some((c) => /^bk_session=;/.test(c))).toBe(true);
    const { redirectTo } = await read(out);
    const end = new URL(redirectTo);
    expect(`${end.origin}${end.pathname}`).toBe(`${idp.issuer}/session/end`);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/`);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();

    // The provider's logout page posts its form by itself (a script of its own, no inline one).
    const page = await kari.browser.fetch(redirectTo);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="/assets/logout.js" defer></script>');
    expect(html).toContain('>Logg ut</button>');
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)">/.exec(html)![1];
    const form = new URLSearchParams([...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map((m): [string, string] => [m[1], m[2]]));
    const back = await kari.browser.fetch(new URL(action, redirectTo).href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`${base}/`);

    expect((await fetch(`${base}/auth/session`, { headers: { cookie: kari.cookie } })).status).toBe(401);
    const old = await fetch(`${base}/cases`, { headers: { cookie: kari.cookie } });
    expect(old.status).toBe(401);
    expect((await read(old)).detail).toMatch(/session has ended/);
    // Signed out at the provider too: a new sign-in shows the login page again.
    const { url } = await kari.browser.follow(`${base}/auth/login`);
    expect(url.startsWith(`${idp.issuer}/interaction/`)).toBe(true);
  });

  test('when a session has been idle longer than SESSION_IDLE_MINUTES, then it is deleted and counts as none', async () => {
    const per = await loginAs(base, 'koordinator-per');
    expect((await fetch(`${base}/auth/session`, { headers: { cookie: per.cookie } })).status).toBe(200);
    await s.pool.query("UPDATE web_sessions SET last_seen_at = now() - interval '31 minutes' WHERE subject = $1", ['koordinator-per']);
    expect((await fetch(`${base}/cases`, { headers: { cookie: per.cookie } })).status).toBe(401);
    expect((await s.pool.query('SELECT count(*)::int AS n FROM web_sessions WHERE subject = $1', ['koordinator-per'])).rows[0].n).toBe(0);
  });

  test('when a session is past its absolute end, then it counts as none however recently it was used', async () => {
    const aisha = await loginAs(base, 'koordinator-aisha');
    await s.pool.query("UPDATE web_sessions SET expires_at = now() - interval '1 second' WHERE subject = $1", ['koordinator-aisha']);
    expect((await fetch(`${base}/auth/session`, { headers: { cookie: aisha.cookie } })).status).toBe(401);
  });

  test('when a session is used, then last_seen_at moves, at most once a minute', async () => {
    const ola = await loginAs(base, 'ke-ola');
    await s.pool.query("UPDATE web_sessions SET last_seen_at = now() - interval '5 minutes' WHERE subject = $1", ['ke-ola']);
    const seen = async () => (await s.pool.query('SELECT max(last_seen_at) AS t FROM web_sessions WHERE subject = $1', ['ke-ola'])).rows[0].t as Date;
    const before = await seen();
    await fetch(`${base}/units`, { headers: { cookie: ola.cookie } });
    const touched = await seen();
    expect(touched.getTime()).toBeGreaterThan(before.getTime() + 4 * 60_000);
    await fetch(`${base}/units`, { headers: { cookie: ola.cookie } });
    expect((await seen()).getTime()).toBe(touched.getTime());
  });
});

describe("roles from KE's table (AUTH_ROLES_SOURCE=table)", () => {
  const ke9999 = async () => bearer({ municipality: '9999', sub: 'ke-tabell' });

  test('when KE gives a user roles, then the user signs in with them; without a row, even a user whose token names roles is refused; each change is recorded and ends the sessions', async () => {
    const put = await fetch(`${tableBase}/ke/users/${NO_ROLE.subject}`, send('PUT', await ke9999(), { name: 'Uten Rolle', roles: ['leader'] }));
    expect(put.status).toBe(200);
    expect(await read(put)).toMatchObject({ subject: NO_ROLE.subject, roles: ['leader'], municipality: '9999', updatedBy: 'ke-tabell' });

    const signedIn = await loginAs(tableBase, NO_ROLE.subject);
    const me = await read(await fetch(`${tableBase}/auth/session`, { headers: { cookie: signedIn.cookie } }));
    expect(me).toMatchObject({ subject: NO_ROLE.subject, roles: ['leader'], municipality: '9999' });

    const { browser, callback } = await loginUntilCallback(tableBase, 'ke-kari');
    expect((await browser.fetch(callback)).status).toBe(403);

    const listed = await read(await fetch(`${tableBase}/ke/users`, { headers: await ke9999() }));
    expect(listed.users.map((u: { subject: string }) => u.subject)).toContain(NO_ROLE.subject);

    const removed = await fetch(`${tableBase}/ke/users/${NO_ROLE.subject}`, { method: 'DELETE', headers: await ke9999() });
    expect(removed.status).toBe(204);
    // The removal ends the session she had.
    expect((await fetch(`${tableBase}/auth/session`, { headers: { cookie: signedIn.cookie } })).status).toBe(401);
    expect((await fetch(`${tableBase}/ke/users/${NO_ROLE.subject}`, { method: 'DELETE', headers: await ke9999() })).status).toBe(404);
    const changes = await s.pool.query('SELECT roles, changed_by FROM user_role_changes WHERE subject = $1 ORDER BY id', [NO_ROLE.subject]);
    expect(changes.rows).toEqual([
      { roles: ['leader'], changed_by: 'ke-tabell' },
      { roles: null, changed_by: 'ke-tabell' },
    ]);
    const { browser: again, callback: back } = await loginUntilCallback(tableBase, NO_ROLE.subject);
    expect((await again.fetch(back)).status).toBe(403);
  });

  test('when the body is wrong or the caller is not KE, then the table is not changed', async () => {
    const bad = await fetch(`${tableBase}/ke/users/someone`, send('PUT', await ke9999(), { name: '', roles: ['ops'] }));
    expect(bad.status).toBe(400);
    const fields = (await read(bad)).errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.name', 'body.roles.0']));
    const leader = await fetch(`${tableBase}/ke/users/someone`, send('PUT', await bearer({ roles: ['leader'], municipality: '9999' }), { name: 'X', roles: ['ke'] }));
    expect(leader.status).toBe(403);
    expect((await s.pool.query("SELECT count(*)::int AS n FROM user_roles WHERE subject = 'someone'")).rows[0].n).toBe(0);
  });
});
