/**
 * The local OpenID provider as a process of its own (npm start runs it when OIDC_ISSUER is unset;
 * the session tests run it too). Settings from the environment: IDP_PORT (0 = any free port),
 * IDP_HOST, IDP_ISSUER, IDP_CLIENT_ID, IDP_CLIENT_SECRET, IDP_REDIRECT_URIS and
 * IDP_POST_LOGOUT_REDIRECT_URIS (comma-separated), IDP_JWKS_FILE, IDP_USERS (a JSON list instead
 * of the development users). Logs one line {"msg":"idp listening","issuer":…} when it is ready.
 */
import { DEV_USERS, startLocalIdp, type DevUser } from '../lib/idp';
import { createLogger } from '../lib/logger';
import { exitWithParent } from '../lib/process';

const env = process.env;
const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

async function main() {
  const logger = createLogger(env.LOG_LEVEL ?? 'info', { component: 'idp' });
  const clientId = env.IDP_CLIENT_ID ?? 'barnekoordinator-web';
  const clientSecret = env.IDP_CLIENT_SECRET;
  if (!clientSecret) throw new Error('IDP_CLIENT_SECRET is required');
  const redirectUris = list(env.IDP_REDIRECT_URIS);
  if (redirectUris.length === 0) throw new Error('IDP_REDIRECT_URIS is required');
  const idp = await startLocalIdp({
    port: Number(env.IDP_PORT ?? 3001),
    host: env.IDP_HOST,
    issuer: env.IDP_ISSUER || undefined,
    clients: [{ clientId, clientSecret, redirectUris, postLogoutRedirectUris: list(env.IDP_POST_LOGOUT_REDIRECT_URIS) }],
    users: env.IDP_USERS ? (JSON.parse(env.IDP_USERS) as DevUser[]) : DEV_USERS,
    jwksFile: env.IDP_JWKS_FILE || undefined,
    logger,
  });
  logger.info({ issuer: idp.issuer, port: idp.port, pid: process.pid }, 'idp listening');
  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    void idp.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
  exitWithParent(close);
}

main().catch((err) => {
  console.error(JSON.stringify({ level: 'fatal', component: 'idp', msg: err instanceof Error ? err.message : String(err) }));
  process.exit(1);
});
