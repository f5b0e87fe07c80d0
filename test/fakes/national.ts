/**
 * The three fakes started together, with a Maskinporten client registered for SvarUt's and KRR's
 * scopes, and the real adapters pointed at them.
 */
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createKrrClient, type KrrClient } from '../../lib/national/krr';
import { createMaskinportenClient, type TokenSource } from '../../lib/national/maskinporten';
import { createSvarUtClient, type SvarUtClient, type SvarUtConfig } from '../../lib/national/svarut';
import { startFakeKrr, type FakeKrr } from './krr';
import { startFakeMaskinporten, type FakeMaskinporten } from './maskinporten';
import { startFakeSvarUt, type FakeSvarUt } from './svarut';

export const SVARUT_AND_KRR_SCOPES = ['ks:fiks', 'krr:global/kontaktinformasjon.read', 'krr:global/digitalpost.read'];

export interface NationalFakes {
  maskinporten: FakeMaskinporten;
  svarut: FakeSvarUt;
  krr: FakeKrr;
  client: { clientId: string; kid: string; privateKey: KeyObject };
  tokens: TokenSource;
  svarutClient(over?: Partial<SvarUtConfig>): SvarUtClient;
  krrClient: KrrClient;
  close(): Promise<void>;
}

export async function startNationalFakes(): Promise<NationalFakes> {
  const maskinporten = await startFakeMaskinporten();
  const [svarut, krr] = await Promise.all([
    startFakeSvarUt({ maskinportenIssuer: maskinporten.issuer }),
    startFakeKrr({ maskinportenIssuer: maskinporten.issuer }),
  ]);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const client = { clientId: randomUUID(), kid: randomUUID(), privateKey };
  maskinporten.register({ clientId: client.clientId, kid: client.kid, publicKey, scopes: SVARUT_AND_KRR_SCOPES });
  const tokens = createMaskinportenClient({ issuer: maskinporten.issuer, clientId: client.clientId, key: privateKey, kid: client.kid });
  return {
    maskinporten,
    svarut,
    krr,
    client,
    tokens,
    svarutClient: (over = {}) =>
      createSvarUtClient({
        baseUrl: svarut.url,
        kontoId: svarut.kontoId,
        integrasjonId: svarut.integrasjonId,
        integrasjonPassord: svarut.integrasjonPassord,
        tokens,
        timeoutMs: 2_000,
        sendTimeoutMs: 2_000,
        ...over,
      }),
    krrClient: createKrrClient({ url: krr.personerUrl, tokens, timeoutMs: 2_000 }),
    close: async () => {
      await Promise.all([svarut.close(), krr.close()]);
      await maskinporten.close();
    },
  };
}
