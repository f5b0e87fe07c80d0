/**
 * The national services built from the environment (lib/national/index.ts over lib/config.ts):
 * nothing set builds nothing; a half configuration fails naming what is missing; a full one
 * builds SvarUt and KRR clients that work, against the fakes, with the key read from its file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../lib/config';
import { nationalServices } from '../../lib/national';
import { startNationalFakes, type NationalFakes } from '../fakes/national';

let f: NationalFakes;
let dir: string;
beforeAll(async () => {
  f = await startNationalFakes();
  dir = mkdtempSync(join(tmpdir(), 'national-config-'));
});
afterAll(async () => {
  await f.close();
  rmSync(dir, { recursive: true, force: true });
});

test('when no national service is configured, then none is built', () => {
  const config = loadConfig({});
  expect(config.SVARUT_URL).toBeUndefined();
  expect(config.SVARUT_SCOPE).toBe('ks:fiks');
  expect(nationalServices(config)).toEqual({});
});

test('when SvarUt or KRR is configured without what it needs, then loading fails naming the missing settings', () => {
  expect(() => nationalServices(loadConfig({ SVARUT_URL: 'https://test.svarut.ks.no' }))).toThrow(ConfigError);
  expect(() => nationalServices(loadConfig({ SVARUT_URL: 'https://test.svarut.ks.no' }))).toThrow(
    /SVARUT_KONTO_ID, SVARUT_INTEGRASJON_ID, SVARUT_INTEGRASJON_PASSORD, MASKINPORTEN_ISSUER, MASKINPORTEN_CLIENT_ID, MASKINPORTEN_KEY_FILE/,
  );
  expect(() => nationalServices(loadConfig({ KRR_URL: 'https://krr.digdir.no/rest/v1/personer', MASKINPORTEN_ISSUER: 'https://maskinporten.no/' }))).toThrow(
    /MASKINPORTEN_CLIENT_ID, MASKINPORTEN_KEY_FILE: required with KRR_URL/,
  );
  expect(() => loadConfig({ SVARUT_KONTO_ID: 'konto-1' })).toThrow(/SVARUT_KONTO_ID/);
  expect(() => loadConfig({ SVARUT_URL: 'ftp://svarut' })).toThrow(/SVARUT_URL/);
});

test('when everything is configured, then the SvarUt and KRR clients built from it reach their services, with the key read from its file', async () => {
  const keyFile = join(dir, 'maskinporten.pem');
  writeFileSync(keyFile, f.client.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const { svarut, krr } = nationalServices(
    loadConfig({
      MASKINPORTEN_ISSUER: f.maskinporten.issuer,
      MASKINPORTEN_CLIENT_ID: f.client.clientId,
      MASKINPORTEN_KEY_FILE: keyFile,
      MASKINPORTEN_KID: f.client.kid,
      SVARUT_URL: f.svarut.url,
      SVARUT_KONTO_ID: f.svarut.kontoId,
      SVARUT_INTEGRASJON_ID: f.svarut.integrasjonId,
      SVARUT_INTEGRASJON_PASSORD: f.svarut.integrasjonPassord,
      KRR_URL: f.krr.personerUrl,
    }),
  );
  expect(await svarut!.findByLetterId('no-such-letter')).toEqual([]);
  expect(await krr!.lookup('12345678901')).toEqual({ reserved: false, registered: false });
  expect(() => nationalServices(loadConfig({ KRR_URL: f.krr.personerUrl, MASKINPORTEN_ISSUER: f.maskinporten.issuer, MASKINPORTEN_CLIENT_ID: 'x', MASKINPORTEN_KEY_FILE: join(dir, 'missing.pem') }))).toThrow(
    /MASKINPORTEN_KEY_FILE: cannot be read \(ENOENT\)/,
  );
});
