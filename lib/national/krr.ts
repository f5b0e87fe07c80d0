/**
 * Kontakt- og reservasjonsregisteret (KRR), Digdir's lookup service ("Oppslagstjenesten REST",
 * docs.digdir.no/docs/Kontaktregisteret/oppslagstjenesten_rest): for a person, whether they
 * have reserved themselves against digital communication from the public sector, their digital
 * mailbox (sikker digital post), and the language they prefer the public sector to write in.
 *
 * POST <url> with {"personidentifikatorer": [...]} (1 to 1000) and a Maskinporten token whose
 * scopes decide what comes back: krr:global/kontaktinformasjon.read (contact details, language),
 * krr:global/digitalpost.read (the digital mailbox). Reservation and status always come back.
 */
import { PermanentError, RetryableError } from './errors';
import { call, json, type Fetch } from './http';
import type { TokenSource } from './maskinporten';

export interface KrrConfig {
  /** The personer endpoint, e.g. https://krr.digdir.no/rest/v1/personer. */
  url: string;
  tokens: TokenSource;
  /** Default: krr:global/kontaktinformasjon.read krr:global/digitalpost.read. */
  scope?: string;
  timeoutMs?: number;
  fetch?: Fetch;
}

export interface ContactAndReservation {
  /** Reserved against digital communication (reservasjon JA): letters go by post. */
  reserved: boolean;
  /** The person is in the register (status AKTIV); not registered (IKKE_REGISTRERT, SLETTET) means no digital contact either. */
  registered: boolean;
  /** The digital mailbox (Digipost, e-Boks) letters can go to. */
  digitalPostAddress?: { mailbox: string; provider: string };
  /** Preferred language for letters, lower case as KRR gives it: nb, nn, en, se … */
  language?: string;
}

interface KrrPerson {
  personidentifikator?: unknown;
  reservasjon?: unknown;
  status?: unknown;
  spraak?: unknown;
  kontaktinformasjon?: { spraak?: unknown };
  digital_post?: { postkasseadresse?: unknown; postkasseleverandoeradresse?: unknown };
}

export interface KrrClient {
  lookup(nationalId: string): Promise<ContactAndReservation>;
  /** Up to 1000 at once, keyed by national id. */
  lookupMany(nationalIds: string[]): Promise<Map<string, ContactAndReservation>>;
}

export function createKrrClient(config: KrrConfig): KrrClient {
  const scope = config.scope ?? 'krr:global/kontaktinformasjon.read krr:global/digitalpost.read';
  const timeoutMs = config.timeoutMs ?? 15_000;

  async function lookupMany(nationalIds: string[]): Promise<Map<string, ContactAndReservation>> {
    const ids = [...new Set(nationalIds)];
    if (ids.length === 0) return new Map();
    if (ids.length > 1000) throw new PermanentError('krr', 'personer', 'more than 1000 persons in one lookup');
    if (!ids.every((id) => /^\d{11}$/.test(id))) throw new PermanentError('krr', 'personer', 'a national id is not 11 digits');
    const token = await config.tokens.accessToken(scope);
    const answer = await call(
      config.url,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ personidentifikatorer: ids }),
      },
      { service: 'krr', operation: 'personer', timeoutMs, fetch: config.fetch },
    );
    const body = json<{ personer?: KrrPerson[] }>(answer, 'krr', 'personer');
    if (!Array.isArray(body.personer)) throw new RetryableError('krr', 'personer', 'answered without personer', answer.status);
    const found = new Map<string, ContactAndReservation>();
    for (const p of body.personer) {
      if (typeof p.personidentifikator === 'string' && ids.includes(p.personidentifikator)) found.set(p.personidentifikator, contactOf(p));
    }
    return found;
  }

  return {
    lookupMany,
    async lookup(nationalId) {
      const found = (await lookupMany([nationalId])).get(nationalId);
      // KRR answers every identifier it was asked for; a missing one is the service misbehaving.
      if (!found) throw new RetryableError('krr', 'personer', 'the answer lacks the person asked for');
      return found;
    },
  };
}

function contactOf(p: KrrPerson): ContactAndReservation {
  const registered = p.status === 'AKTIV';
  const language = [p.spraak, p.kontaktinformasjon?.spraak].find((l): l is string => typeof l === 'string' && /^[a-z]{2,3}$/i.test(l));
  const dp = p.digital_post;
  return {
    reserved: p.reservasjon === 'JA',
    registered,
    ...(registered && typeof dp?.postkasseadresse === 'string' && typeof dp.postkasseleverandoeradresse === 'string'
      ? { digitalPostAddress: { mailbox: dp.postkasseadresse, provider: dp.postkasseleverandoeradresse } }
      : {}),
    ...(language ? { language: language.toLowerCase() } : {}),
  };
}
