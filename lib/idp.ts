/**
 * A local OpenID provider for development and tests (oidc-provider): authorization code with
 * PKCE, ID tokens carrying name, roles and municipality, RP-initiated logout. Its login page
 * lists fixed development users; choosing one signs in as them, no password. It stands in for
 * the municipality's identity provider (Entra ID, Ansattporten) and is never started in a
 * deployment that sets OIDC_ISSUER.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import type { Context, Interaction } from 'oidc-provider';
import type { Logger } from 'pino';

export interface DevUser {
  subject: string;
  name: string;
  roles: string[];
  municipality: string;
}

const DEV_MUNICIPALITY = '9999';

/** The development users, all of municipality 9999. */
export const DEV_USERS: readonly DevUser[] = [
  { subject: 'ke-kari', name: 'Kari Nordmann', roles: ['ke'], municipality: DEV_MUNICIPALITY },
  { subject: 'ke-ola', name: 'Ola Hansen', roles: ['ke'], municipality: DEV_MUNICIPALITY },
  { subject: 'koordinator-ingrid', name: 'Ingrid Berg', roles: ['coordinator'], municipality: DEV_MUNICIPALITY },
  { subject: 'koordinator-per', name: 'Per Johansen', roles: ['coordinator'], municipality: DEV_MUNICIPALITY },
  { subject: 'koordinator-aisha', name: 'Aisha Ali', roles: ['coordinator'], municipality: DEV_MUNICIPALITY },
  { subject: 'leder-marit', name: 'Marit Lie', roles: ['leader'], municipality: DEV_MUNICIPALITY },
  // Keeps the municipality register (GET/PUT /admin/municipality): name, addresses, målform.
  { subject: 'admin-siri', name: 'Siri Dahl', roles: ['admin'], municipality: DEV_MUNICIPALITY },
];

export interface IdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface LocalIdpOptions {
  port: number;
  host?: string;
  /** Default: http://<host>:<port> (with the port the server got, when port is 0). */
  issuer?: string;
  clients: IdpClient[];
  users?: readonly DevUser[];
  /** Where the signing key is kept across restarts; a new one on every start without it. */
  jwksFile?: string;
  logger: Logger;
}

export interface LocalIdp {
  issuer: string;
  port: number;
  close(): Promise<void>;
}

const ROLE_NAMES: Record<string, string> = { ke: 'Koordinerende enhet', coordinator: 'Barnekoordinator', leader: 'Leder', ops: 'Drift', admin: 'Administrator' };

// No inline script or style: the pages work under a policy that allows only the provider's own files.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'";

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1e2b3c}
h1{color:#0062ba}ul{list-style:none;padding:0}li{margin:.5rem 0;display:grid;grid-template-columns:minmax(14rem,auto) 1fr;gap:1rem;align-items:center}
button{font:inherit;padding:.5rem 1rem;cursor:pointer;text-align:left;background:#fff;color:#0062ba;border:1px solid #0062ba;border-radius:4px}
button:hover{background:#e6f0fa}button:focus-visible{outline:3px solid #1e2b3c;outline-offset:2px}.role{color:#4b5563}`;

// Submits the logout form at once; without scripts the page shows its one button.
const LOGOUT_SCRIPT = `document.addEventListener('DOMContentLoaded',function(){var f=document.getElementById('op.logoutForm');if(f)f.submit();});`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string, script?: string): string {
  return `<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/assets/idp.css">
${script ? `<script src="${script}" defer></script>` : ''}
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function loginPage(uid: string, users: readonly DevUser[]): string {
  const items = users
    .map((u) => {
      const roles = u.roles.map((r) => ROLE_NAMES[r] ?? r).join(', ') || 'ingen rolle';
      return `<li><button type="submit" name="subject" value="${escapeHtml(u.subject)}">Logg inn som ${escapeHtml(u.name)}</button> <span class="role">${escapeHtml(roles)}</span></li>`;
    })
    .join('\n');
  return page(
    'Logg inn – lokal identitetstilbyder',
    `<h1>Logg inn</h1>
<p>Lokal identitetstilbyder for utvikling. Velg hvem du vil logge inn som.</p>
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
<ul>
${items}
</ul>
</form>`,
  );
}

function loadOrCreateJwk(file: string | undefined): Record<string, unknown> {
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: `idp-${randomBytes(4).toString('hex')}`, alg: 'RS256', use: 'sig' };
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  return jwk;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-security-policy': CSP, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

export async function startLocalIdp(opts: LocalIdpOptions): Promise<LocalIdp> {
  const { default: Provider } = await import('oidc-provider');
  const host = opts.host ?? '127.0.0.1';
  const users = opts.users ?? DEV_USERS;
  const log = opts.logger.child({ part: 'idp' });
  const server = createServer();
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(opts.port, host, () => res());
  });
  const port = (server.address() as { port: number }).port;
  const issuer = opts.issuer ?? `http://${host}:${port}`;

  const provider = new Provider(issuer, {
    clients: opts.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [loadOrCreateJwk(opts.jwksFile) as never] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['name', 'roles', 'municipality'] },
    // The claims go into the ID token, which is all the service reads (no userinfo call).
    conformIdTokenClaims: false,
    findAccount: async (_ctx: Context, id: string) => {
      const user = users.find((u) => u.subject === id);
      if (!user) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, name: user.name, roles: user.roles, municipality: user.municipality }) };
    },
    // A first-party client: consent is given, no consent screen.
    loadExistingGrant: async (ctx: Context) => {
      const client = ctx.oidc.client!;
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
    interactions: { url: async (_ctx: Context, interaction: Interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: Context, form: string) => {
          // The provider's form ends the provider's session with logout=yes; the script sends it.
          const withChoice = form.replace('</form>', '<input type="hidden" name="logout" value="yes"><button type="submit">Logg ut</button></form>');
          ctx.set('content-security-policy', CSP);
          ctx.body = page('Logg ut', `<h1>Logg ut</h1>\n<p>Du logges ut av den lokale identitetstilbyderen.</p>\n${withChoice}`, '/assets/logout.js');
        },
        postLogoutSuccessSource: async (ctx: Context) => {
          ctx.set('content-security-policy', CSP);
          ctx.body = page('Logget ut', '<h1>Du er logget ut</h1>');
        },
      },
    },
    renderError: async (ctx: Context, out: Record<string, unknown>) => {
      ctx.type = 'html';
      ctx.set('content-security-policy', CSP);
      const lines = Object.entries(out).map(([k, v]) => `<p><strong>${escapeHtml(k)}</strong>: ${escapeHtml(String(v))}</p>`);
      ctx.body = page('Noe gikk galt', `<h1>Noe gikk galt</h1>\n${lines.join('\n')}`);
    },
    ttl: { Session: 10 * 3600, Interaction: 3600, Grant: 10 * 3600, IdToken: 3600, AccessToken: 3600, AuthorizationCode: 60 },
  });
  provider.on('server_error', (_ctx, err) => log.error({ err: err.message }, 'idp server error'));

  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch((err: Error) => {
      log.warn({ err: err.message, url: req.url?.split('?')[0] }, 'idp interaction failed');
      if (!res.headersSent) send(res, 400, 'text/html; charset=utf-8', page('Noe gikk galt', `<h1>Noe gikk galt</h1>\n<p>Innloggingen kunne ikke fullføres. Start på nytt fra tjenesten.</p>`));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/assets/idp.css') return send(res, 200, 'text/css; charset=utf-8', STYLE);
    if (req.method === 'GET' && path === '/assets/logout.js') return send(res, 200, 'text/javascript; charset=utf-8', LOGOUT_SCRIPT);
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(path);
    if (!interaction) return callback(req, res);
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== interaction[1]) throw new Error('interaction mismatch');
    if (req.method === 'GET' && !interaction[2]) {
      if (details.prompt.name !== 'login') {
        // Consent is given for the first-party client (loadExistingGrant); nothing else to ask.
        return provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
      }
      return send(res, 200, 'text/html; charset=utf-8', loginPage(details.uid, users));
    }
    if (req.method === 'POST' && interaction[2]) {
      const subject = (await readForm(req)).get('subject') ?? '';
      if (!users.some((u) => u.subject === subject)) return send(res, 400, 'text/html; charset=utf-8', page('Ukjent bruker', '<h1>Ukjent bruker</h1>'));
      log.info({ subject }, 'idp login');
      return provider.interactionFinished(req, res, { login: { accountId: subject } }, { mergeWithLastSubmission: false });
    }
    return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
  }

  return {
    issuer,
    port,
    close: () =>
      new Promise<void>((res) => {
        server.close(() => res());
        server.closeAllConnections();
      }),
  };
}
