import { ConfigError, loadConfig, publicBaseUrl } from '../../lib/config';
import { safeReturnTo } from '../../api/plugins/session';
import { DEFAULT_POLICY } from '../../workflows/case/policy';

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
