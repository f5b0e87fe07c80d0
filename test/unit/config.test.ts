import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, loadConfig, productionProblems, publicBaseUrl } from '../../lib/config';
import { safeReturnTo } from '../../api/plugins/session';
import { DEFAULT_POLICY } from '../../workflows/case/policy';

const ROOT = join(__dirname, '..', '..');

describe('configuration from the environment', () => {
  test('when nothing is set, then the embedded defaults apply', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
    expect(config.TEMPORAL_TASK_QUEUE).toBe('barnekoordinator-cases');
    expect(config.policy).toEqual(DEFAULT_POLICY);
  });

  test('when a variable is invalid, then loading fails with a message naming it', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  test('when CASE_POLICY overrides some deadlines, then the rest keep their defaults', () => {
    const config = loadConfig({ CASE_POLICY: '{"consentDays":10,"childParticipationAge":14}' });
    expect(config.policy).toEqual({ ...DEFAULT_POLICY, consentDays: 10, childParticipationAge: 14 });
  });

  test('when CASE_POLICY is not JSON, has an unknown key or a bad value, then loading fails naming it', () => {
    expect(() => loadConfig({ CASE_POLICY: '{consentDays:10' })).toThrow(/CASE_POLICY: not valid JSON/);
    expect(() => loadConfig({ CASE_POLICY: '{"consentDayz":10}' })).toThrow(/CASE_POLICY/);
    expect(() => loadConfig({ CASE_POLICY: '{"consentDays":-1}' })).toThrow(/CASE_POLICY.consentDays/);
  });

  test('when an empty variable is set, then it counts as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: ' ' }).DATABASE_URL).toBeUndefined();
  });

  test('when browser sign-in is configured, then its settings are read and checked, with the session defaults', () => {
    const config = loadConfig({ OIDC_ISSUER: 'https://login.kommune.no/', OIDC_CLIENT_SECRET: 's' });
    expect(config).toMatchObject({ OIDC_CLIENT_ID: 'barnekoordinator-web', SESSION_IDLE_MINUTES: 30, SESSION_MAX_HOURS: 10, AUTH_ROLES_SOURCE: 'claims', IDP_PORT: 3001 });
    expect(() => loadConfig({ OIDC_ISSUER: 'login.kommune.no' })).toThrow(/OIDC_ISSUER/);
    expect(() => loadConfig({ AUTH_ROLES_SOURCE: 'ldap' })).toThrow(/AUTH_ROLES_SOURCE/);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
  });

  test('when PUBLIC_BASE_URL is unset, then the base is http://HOST:PORT, a wildcard host read as loopback', () => {
    expect(publicBaseUrl(loadConfig({ PORT: '8080' }))).toBe('http://127.0.0.1:8080');
    expect(publicBaseUrl(loadConfig({ HOST: '0.0.0.0' }))).toBe('http://127.0.0.1:3000');
    expect(publicBaseUrl(loadConfig({ PUBLIC_BASE_URL: 'https://bk.kommune.no/' }))).toBe('https://bk.kommune.no');
  });
});

describe('returnTo after sign-in', () => {
  test.each([
    ['/cases?status=open#top', '/cases?status=open#top'],
    ['/', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['cases', '/'],
    ['/\tevil', '/'],
    [undefined, '/'],
  ])('when returnTo is %p, then the browser goes to %p', (given, expected) => {
    expect(safeReturnTo(given)).toBe(expected);
  });
});

/** A production API's environment that passes: every unsafe setting below changes one thing of it. */
const SAFE: NodeJS.ProcessEnv = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://barnekoordinator:Xq7-long-random-secret@postgres:5432/barnekoordinator',
  TEMPORAL_ADDRESS: 'temporal:7233',
  PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  AUTH_ISSUER: 'https://idp.kommune.example/',
};

describe('production refuses unsafe settings', () => {
  test('when every setting is safe, then the API, the worker and the migrations load their configuration', () => {
    for (const component of ['api', 'worker', 'migrate'] as const) expect(loadConfig(SAFE, component).NODE_ENV).toBe('production');
  });

  test.each([
    ['api', 'PAYLOAD_KEYS', 'unset', { PAYLOAD_KEYS: undefined }],
    ['worker', 'PAYLOAD_KEYS', 'empty', { PAYLOAD_KEYS: '' }],
    ['api', 'AUTH_ISSUER', 'unset', { AUTH_ISSUER: undefined }],
    ['api', 'AUTH_LOCAL_KEY_FILE', 'set', { AUTH_LOCAL_KEY_FILE: '/data/auth-signing-key.json' }],
    ['api', 'DATABASE_URL', 'unset', { DATABASE_URL: undefined }],
    ['api', 'DATABASE_URL', 'with the password change-me', { DATABASE_URL: 'postgres://postgres:change-me@postgres:5432/barnekoordinator' }],
    ['worker', 'DATABASE_URL', 'without a password', { DATABASE_URL: 'postgres://postgres@postgres:5432/barnekoordinator' }],
    ['migrate', 'DATABASE_URL', 'with the password postgres', { DATABASE_URL: 'postgres://postgres:postgres@postgres:5432/barnekoordinator' }],
  ] as const)('when the %s starts with %s %s, then loading fails naming it', (component, setting, _how, change) => {
    const env = { ...SAFE, ...change };
    expect(() => loadConfig(env, component)).toThrow(ConfigError);
    expect(() => loadConfig(env, component)).toThrow(new RegExp(`Unsafe production configuration: ${setting}:`));
    // Outside production the same settings are the development launcher's business.
    expect(() => loadConfig({ ...env, NODE_ENV: 'development' }, component)).not.toThrow();
  });

  test('when several settings are unsafe, then the message names each of them', () => {
    const problems = productionProblems(loadConfig({ NODE_ENV: 'production', AUTH_LOCAL_KEY_FILE: 'k.json' }), 'api');
    expect(problems.map((p) => p.split(':')[0])).toEqual(['PAYLOAD_KEYS', 'AUTH_ISSUER', 'AUTH_LOCAL_KEY_FILE', 'DATABASE_URL']);
  });

  test('when the worker runs without an identity provider, then that is fine: it verifies no tokens', () => {
    expect(() => loadConfig({ ...SAFE, AUTH_ISSUER: undefined }, 'worker')).not.toThrow();
  });

  test.each([
    ['api/server.ts', 'PAYLOAD_KEYS'],
    ['worker/main.ts', 'DATABASE_URL'],
  ])('when %s is started in production with an unsafe %s, then the process exits with a message naming it', async (entry, setting) => {
    const env = { ...process.env, ...SAFE, [setting]: setting === 'DATABASE_URL' ? 'postgres://postgres:change-me@127.0.0.1:1/x' : '', TEMPORAL_ADDRESS: '127.0.0.1:1' };
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', join(ROOT, entry)], { env, cwd: ROOT, timeout: 30_000 }, (_err, _stdout, err) =>
        resolve({ code: child.exitCode, stderr: err }),
      );
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`${setting}:`);
    expect(stderr).toContain('Unsafe production configuration');
  });
});
