/**
 * A fake Kontakt- og reservasjonsregisteret lookup (Oppslagstjenesten REST): POST /rest/v1/personer
 * with {"personidentifikatorer": [...]} (1 to 1000, 11 digits each) and a token from the fake
 * Maskinporten. It answers every identifier asked for: the registered persons as given, anyone
 * else with status IKKE_REGISTRERT. Contact details and language need the scope
 * krr:global/kontaktinformasjon.read, the digital mailbox krr:global/digitalpost.read;
 * reservation and status always come back.
 */
import { bearerChecker, reply, startServer, type FakeServer } from './server';

export interface KrrEntry {
  reservasjon: 'JA' | 'NEI';
  spraak?: string;
  digitalPost?: { postkasseadresse: string; postkasseleverandoeradresse: string };
  epostadresse?: string;
}

export interface FakeKrr extends FakeServer {
  /** The personer endpoint. */
  personerUrl: string;
  persons: Map<string, KrrEntry>;
  requests: number;
  failNext(count: number, status?: number): void;
}

export async function startFakeKrr(options: { maskinportenIssuer: string }): Promise<FakeKrr> {
  const checkBearer = bearerChecker(options.maskinportenIssuer);
  let failures = 0;
  let failStatus = 503;
  const fake: FakeKrr = {
    url: '',
    personerUrl: '',
    persons: new Map(),
    requests: 0,
    failNext(count, status = 503) {
      failures = count;
      failStatus = status;
    },
    close: async () => undefined,
  };
  const server = await startServer(async (req, body, res) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== '/rest/v1/personer') return reply(res, 404, { error: 'not_found' });
    fake.requests++;
    const bearer = await checkBearer(req);
    if ('refused' in bearer) return reply(res, 401, { error: 'invalid_token', error_description: bearer.refused });
    if (failures > 0) {
      failures--;
      return reply(res, failStatus, { error: 'server_error' });
    }
    let ids: unknown;
    try {
      ids = (JSON.parse(body.toString('utf8')) as { personidentifikatorer?: unknown }).personidentifikatorer;
    } catch {
      return reply(res, 400, { error: 'invalid_request', error_description: 'not JSON' });
    }
    if (!Array.isArray(ids) || ids.length < 1 || ids.length > 1000 || !ids.every((id) => typeof id === 'string' && /^\d{11}$/.test(id))) {
      return reply(res, 400, { error: 'invalid_request', error_description: 'personidentifikatorer: 1 to 1000 national ids' });
    }
    const contact = bearer.scopes.includes('krr:global/kontaktinformasjon.read');
    const digital = bearer.scopes.includes('krr:global/digitalpost.read');
    const personer = (ids as string[]).map((id) => {
      const p = fake.persons.get(id);
      if (!p) return { personidentifikator: id, status: 'IKKE_REGISTRERT', reservasjon: 'NEI' };
      return {
        personidentifikator: id,
        reservasjon: p.reservasjon,
        status: 'AKTIV',
        ...(contact ? { varslingsstatus: p.reservasjon === 'NEI' ? 'KAN_VARSLES' : 'KAN_IKKE_VARSLES', spraak: p.spraak, kontaktinformasjon: { epostadresse: p.epostadresse } } : {}),
        ...(digital && p.digitalPost ? { digital_post: p.digitalPost } : {}),
      };
    });
    reply(res, 200, { personer });
  });
  fake.url = server.url;
  fake.personerUrl = `${server.url}/rest/v1/personer`;
  fake.close = server.close;
  return fake;
}
