/** `npm run token`: development tokens signed with npm start's local key, verified as the API does. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LOCAL_ISSUER, LOCAL_KEY_FILE, authSettingsFrom, verifyToken } from '../../lib/auth';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'bk-token-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const token = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, MUNICIPALITY_NUMBER: '4601' } });

test('when a developer mints a token, then the local key is created (owner-only) and the API accepts the token with its roles and municipality', async () => {
  const { stdout } = await token('--role', 'coordinator,ke', '--sub', 'kari', '--ttl', '30m');
  const keyFile = join(dataDir, LOCAL_KEY_FILE);
  expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  const settings = await authSettingsFrom({ issuer: LOCAL_ISSUER, audience: 'barnekoordinator', localKeyFile: keyFile });
  expect(await verifyToken(stdout.trim(), settings)).toEqual({ subject: 'kari', roles: ['ke', 'coordinator'], municipality: '4601' });
  const other = await token('--role', 'leader', '--sub', 'ola', '--municipality', '0301');
  expect((await verifyToken(other.stdout.trim(), settings)).municipality).toBe('0301');
}, 30_000);

test('when the role is unknown or the subject missing, then it exits with a message and no token', async () => {
  await expect(token('--role', 'superuser', '--sub', 'x')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('"superuser" is not one of ke, coordinator, leader, ops, admin'), stdout: '' });
  await expect(token('--role', 'ke')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--sub is required') });
}, 30_000);
