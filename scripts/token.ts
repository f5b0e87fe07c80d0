/**
 * Mints a development token with the local signing key that `npm start` uses:
 *   npm run -s token -- --role ke --sub kari.nordmann [--municipality 4601] [--ttl 8h]
 * Several roles: --role ke --role ops, or --role ke,ops.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { LOCAL_ISSUER, LOCAL_KEY_FILE, ROLES, loadOrCreateSigningKey, mintToken, type Role } from '../lib/auth';
import { loadConfig } from '../lib/config';

const USAGE = 'usage: npm run -s token -- --role <ke|coordinator|leader|ops> --sub <subject> [--municipality <nnnn>] [--ttl <n>(s|m|h|d)]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function seconds(ttl: string): number {
  const m = /^(\d+)([smhd])$/.exec(ttl);
  if (!m) fail(`--ttl: "${ttl}" is not like 30m, 8h or 2d`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      municipality: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
    },
  });
  const config = loadConfig();
  const roles = (values.role ?? []).flatMap((r) => r.split(','));
  if (roles.length === 0) fail('--role is required');
  for (const r of roles) if (!ROLES.includes(r as Role)) fail(`--role: "${r}" is not one of ${ROLES.join(', ')}`);
  if (!values.sub) fail('--sub is required');
  const key = await loadOrCreateSigningKey(join(config.DATA_DIR, LOCAL_KEY_FILE));
  const token = await mintToken(key, {
    subject: values.sub,
    roles: roles as Role[],
    municipality: values.municipality ?? config.MUNICIPALITY_NUMBER,
    issuer: LOCAL_ISSUER,
    audience: config.AUTH_AUDIENCE,
    ttlSeconds: seconds(values.ttl!),
    rolesClaim: config.AUTH_ROLES_CLAIM,
    municipalityClaim: config.AUTH_MUNICIPALITY_CLAIM,
  });
  process.stdout.write(`${token}\n`);
}

void main();
