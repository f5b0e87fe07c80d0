import { ConfigError, loadConfig } from '../../lib/config';
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
});
