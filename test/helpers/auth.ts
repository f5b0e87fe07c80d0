/**
 * Tokens for tests: one signing key per test process, verified by the app as an identity
 * provider's JWKS would be. `call()` sends a KE token of TEST_MUNICIPALITY unless told otherwise.
 */
import { createSigningKey, localAuthSettings, mintToken, type AuthSettings, type Role, type SigningKey } from '../../lib/auth';

export const TEST_MUNICIPALITY = '4601';
export const OTHER_MUNICIPALITY = '0301';
export const TEST_ISSUER = 'https://idp.test.example/';
export const TEST_AUDIENCE = 'barnekoordinator';

let signing: Promise<SigningKey> | undefined;
export const testSigningKey = () => (signing ??= createSigningKey('test-1'));

export async function testAuthSettings(): Promise<AuthSettings> {
  const key = await testSigningKey();
  return localAuthSettings(key, TEST_ISSUER, TEST_AUDIENCE);
}

export interface Who {
  roles?: Role[];
  sub?: string;
  /** null: a token without the claim. */
  municipality?: string | null;
}

const tokens = new Map<string, Promise<string>>();

export function tokenFor(who: Who = {}): Promise<string> {
  const roles = who.roles ?? ['ke'];
  const sub = who.sub ?? `${roles[0]}-tester`;
  const municipality = who.municipality === undefined ? TEST_MUNICIPALITY : who.municipality;
  const cacheKey = JSON.stringify([roles, sub, municipality]);
  let token = tokens.get(cacheKey);
  if (!token) {
    token = testSigningKey().then((key) =>
      mintToken(key, { subject: sub, roles, municipality: municipality ?? undefined, issuer: TEST_ISSUER, audience: TEST_AUDIENCE, ttlSeconds: 3600 }),
    );
    tokens.set(cacheKey, token);
  }
  return token;
}

export async function bearer(who: Who = {}): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await tokenFor(who)}` };
}
