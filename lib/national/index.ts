/**
 * The national services from the configuration (lib/config.ts): a SvarUt client when SVARUT_URL
 * is set, a KRR client when KRR_URL is, both with one Maskinporten token source. A setting that
 * is half there (SvarUt without its konto, either without Maskinporten) fails with the names of
 * what is missing, as a bad variable does; with none of them set there is nothing to build, and
 * letters are handed over by hand.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, type Config } from '../config';
import { createKrrClient, type KrrClient } from './krr';
import { createMaskinportenClient, type TokenSource } from './maskinporten';
import { createSvarUtClient, type SvarUtClient } from './svarut';

export interface NationalServices {
  svarut?: SvarUtClient;
  krr?: KrrClient;
}

type NationalConfig = Pick<
  Config,
  | 'MASKINPORTEN_ISSUER'
  | 'MASKINPORTEN_TOKEN_URL'
  | 'MASKINPORTEN_CLIENT_ID'
  | 'MASKINPORTEN_KEY_FILE'
  | 'MASKINPORTEN_KID'
  | 'SVARUT_URL'
  | 'SVARUT_KONTO_ID'
  | 'SVARUT_INTEGRASJON_ID'
  | 'SVARUT_INTEGRASJON_PASSORD'
  | 'SVARUT_SCOPE'
  | 'SVARUT_AVGIVENDE_SYSTEM'
  | 'SVARUT_TIMEOUT_MS'
  | 'KRR_URL'
  | 'KRR_SCOPE'
  | 'KRR_TIMEOUT_MS'
>;

const MASKINPORTEN = ['MASKINPORTEN_ISSUER', 'MASKINPORTEN_CLIENT_ID', 'MASKINPORTEN_KEY_FILE'] as const;
const SVARUT = ['SVARUT_KONTO_ID', 'SVARUT_INTEGRASJON_ID', 'SVARUT_INTEGRASJON_PASSORD'] as const;

/** The settings a configuration lacks for the services it names. */
export function nationalSettingsMissing(config: NationalConfig): string[] {
  const missing: string[] = [];
  if (config.SVARUT_URL) missing.push(...SVARUT.filter((k) => !config[k]));
  if (config.SVARUT_URL || config.KRR_URL) missing.push(...MASKINPORTEN.filter((k) => !config[k]));
  return missing;
}

export function nationalServices(config: NationalConfig, options: { fetch?: typeof fetch } = {}): NationalServices {
  const missing = nationalSettingsMissing(config);
  if (missing.length > 0) {
    throw new ConfigError(`Invalid environment: ${missing.join(', ')}: required with ${config.SVARUT_URL ? 'SVARUT_URL' : 'KRR_URL'}`);
  }
  if (!config.SVARUT_URL && !config.KRR_URL) return {};
  const tokens = maskinporten(config, options.fetch);
  return {
    ...(config.SVARUT_URL
      ? {
          svarut: createSvarUtClient({
            baseUrl: config.SVARUT_URL,
            kontoId: config.SVARUT_KONTO_ID!,
            integrasjonId: config.SVARUT_INTEGRASJON_ID!,
            integrasjonPassord: config.SVARUT_INTEGRASJON_PASSORD!,
            tokens,
            scope: config.SVARUT_SCOPE,
            avgivendeSystem: config.SVARUT_AVGIVENDE_SYSTEM,
            sendTimeoutMs: config.SVARUT_TIMEOUT_MS,
            fetch: options.fetch,
          }),
        }
      : {}),
    ...(config.KRR_URL
      ? { krr: createKrrClient({ url: config.KRR_URL, tokens, scope: config.KRR_SCOPE, timeoutMs: config.KRR_TIMEOUT_MS, fetch: options.fetch }) }
      : {}),
  };
}

function maskinporten(config: NationalConfig, fetchImpl: typeof fetch | undefined): TokenSource {
  let key: string;
  try {
    key = readFileSync(config.MASKINPORTEN_KEY_FILE!, 'utf8');
  } catch (err) {
    throw new ConfigError(`Invalid environment: MASKINPORTEN_KEY_FILE: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return createMaskinportenClient({
      issuer: config.MASKINPORTEN_ISSUER!,
      tokenUrl: config.MASKINPORTEN_TOKEN_URL,
      clientId: config.MASKINPORTEN_CLIENT_ID!,
      key,
      kid: config.MASKINPORTEN_KID,
      fetch: fetchImpl,
    });
  } catch (err) {
    throw new ConfigError(`Invalid environment: MASKINPORTEN_KEY_FILE / MASKINPORTEN_KID: ${(err as Error).message}`);
  }
}
