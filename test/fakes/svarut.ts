/**
 * A fake KS Fiks SvarUt, REST API v2, from KS's OpenAPI descriptions (forsendelse-send-,
 * -eksternref- and -status-api-v2.json) and the multipart layout on developers.fiks.ks.no:
 *
 * - every request needs a bearer token from the fake Maskinporten with scope ks:fiks, and the
 *   headers IntegrasjonId and IntegrasjonPassord of the registered integration (else 401), for
 *   the registered konto (else 403);
 * - POST …/kontoer/{kontoId}/forsendelser/ takes the part "forsendelse" (JSON) and the
 *   documents as filer_<n>, checks what the schema requires, stores the forsendelse and answers
 *   {id}. Like SvarUt it does not refuse a second forsendelse with the same eksternReferanse:
 *   the client must look first;
 * - GET …/forsendelser?eksternRef= answers {forsendelseIds};
 * - POST …/forsendelser/status-sok answers {statuser} as of the fake's clock, from the script of
 *   the forsendelse's recipient (statusScript below).
 *
 * Faults are scripted per request (`faults`): an error status before or after the forsendelse
 * is stored, or an answer held back (to run past the client's timeout), also before or after.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { bearerChecker, reply, sleep, startServer, type FakeServer } from './server';
import { parseForsendelse } from './svarut-forsendelse';

export type Route = 'send' | 'eksternref' | 'status';

export interface Fault {
  route: Route;
  /** Answer with this status (default 503) … */
  status?: number;
  /** … or hold the answer back this long, then answer normally. */
  delayMs?: number;
  /** Do the work (store the forsendelse) first, then fail or delay: the answer is what gets lost. */
  afterWork?: boolean;
}

/** How a recipient's forsendelse goes: after how many ms (from receipt) which status. */
export type StatusScript = [afterMs: number, status: string][];

export const SCRIPTS = {
  /** Has a digital mailbox or Altinn and reads the letter. */
  digital: [[0, 'MOTTATT'], [1_000, 'AKSEPTERT'], [2_000, 'VARSLET'], [60_000, 'LEST']],
  /** Notified digitally, never reads it: SvarUt prints and posts it after some days. */
  unread: [[0, 'MOTTATT'], [1_000, 'AKSEPTERT'], [2_000, 'VARSLET'], [3 * 24 * 3_600_000, 'SENDT_PRINT'], [4 * 24 * 3_600_000, 'PRINTET']],
  /** Reserved against digital post, or no national id: print and post. */
  print: [[0, 'MOTTATT'], [1_000, 'AKSEPTERT'], [2_000, 'SENDT_PRINT'], [24 * 3_600_000, 'PRINTET']],
  /** Never leaves MOTTATT. */
  stuck: [[0, 'MOTTATT']],
  /** Refused after receipt. */
  rejected: [[0, 'MOTTATT'], [1_000, 'AVVIST']],
} satisfies Record<string, StatusScript>;

export interface StoredForsendelse {
  id: string;
  eksternReferanse?: string;
  metadata: Record<string, unknown>;
  documents: { name: string; filename: string; contentType: string; bytes: Buffer }[];
  receivedAt: number;
  script: StatusScript;
}

export interface FakeSvarUt extends FakeServer {
  kontoId: string;
  integrasjonId: string;
  integrasjonPassord: string;
  forsendelser: StoredForsendelse[];
  /** Requests per route, answered or not. */
  requests: Record<Route, number>;
  /** Scripted faults, taken first come first served by the route they name. */
  faults: Fault[];
  /** The script of a recipient, by digitalId; others get `print` without a digitalId, else `digital`. */
  recipients: Map<string, StatusScript>;
  /** The fake's clock (ms since the epoch), for status transitions; advance() moves it. */
  now(): number;
  advance(ms: number): void;
  byEksternReferanse(ref: string): StoredForsendelse[];
}

export async function startFakeSvarUt(options: { maskinportenIssuer: string; start?: number }): Promise<FakeSvarUt> {
  const checkBearer = bearerChecker(options.maskinportenIssuer);
  let clock = options.start ?? Date.UTC(2026, 2, 4, 9, 0, 0);
  const fake: FakeSvarUt = {
    url: '',
    kontoId: randomUUID(),
    integrasjonId: randomUUID(),
    integrasjonPassord: randomUUID(),
    forsendelser: [],
    requests: { send: 0, eksternref: 0, status: 0 },
    faults: [],
    recipients: new Map(),
    now: () => clock,
    advance(ms) {
      clock += ms;
    },
    byEksternReferanse: (ref) => fake.forsendelser.filter((f) => f.eksternReferanse === ref),
    close: async () => undefined,
  };

  const error = (status: number, message: string, errorCode?: string) => ({
    timestamp: Date.now(),
    status,
    error: status === 400 ? 'Bad Request' : status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Error',
    errorId: randomUUID(),
    message,
    errorCode,
  });

  async function authorised(req: IncomingMessage, kontoId: string): Promise<[number, ReturnType<typeof error>] | undefined> {
    const bearer = await checkBearer(req);
    if ('refused' in bearer) return [401, error(401, `Ugyldig token: ${bearer.refused}`)];
    if (!bearer.scopes.includes('ks:fiks')) return [403, error(403, 'Mangler scope ks:fiks')];
    if (req.headers.integrasjonid !== fake.integrasjonId || req.headers.integrasjonpassord !== fake.integrasjonPassord) {
      return [401, error(401, 'Ugyldig integrasjon')];
    }
    if (kontoId !== fake.kontoId) return [403, error(403, 'Integrasjonen har ikke tilgang til kontoen')];
    return undefined;
  }

  const server = await startServer(async (req, body, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/api\/v2\/kontoer\/([^/]+)\/forsendelser(\/status-sok|\/)?$/.exec(url.pathname);
    const route: Route | undefined =
      !m ? undefined : req.method === 'POST' && m[2] === '/status-sok' ? 'status' : req.method === 'POST' ? 'send' : req.method === 'GET' && m[2] !== '/status-sok' ? 'eksternref' : undefined;
    if (!m || !route) return reply(res, 404, error(404, 'Ukjent sti'));
    fake.requests[route]++;
    const refused = await authorised(req, m[1]);
    if (refused) return reply(res, ...refused);

    const faultAt = fake.faults.findIndex((f) => f.route === route);
    const fault = faultAt >= 0 ? fake.faults.splice(faultAt, 1)[0] : undefined;
    if (fault && !fault.afterWork) {
      if (fault.delayMs) await sleep(fault.delayMs);
      else return reply(res, fault.status ?? 503, error(fault.status ?? 503, 'Tjenesten er utilgjengelig'));
    }
    const [status, answer] = await handle(route, req, body, url);
    if (fault?.afterWork) {
      if (fault.delayMs) await sleep(fault.delayMs);
      else return reply(res, fault.status ?? 503, error(fault.status ?? 503, 'Tjenesten er utilgjengelig'));
    }
    reply(res, status, answer);
  });

  async function handle(route: Route, req: IncomingMessage, body: Buffer, url: URL): Promise<[number, unknown]> {
    if (route === 'eksternref') {
      const ref = url.searchParams.get('eksternRef');
      if (!ref) return [400, error(400, 'eksternRef mangler')];
      return [200, { forsendelseIds: fake.byEksternReferanse(ref).map((f) => f.id) }];
    }
    if (route === 'status') {
      let ids: unknown;
      try {
        ids = (JSON.parse(body.toString('utf8')) as { forsendelseIds?: unknown }).forsendelseIds;
      } catch {
        return [400, error(400, 'Ugyldig JSON')];
      }
      if (!Array.isArray(ids)) return [400, error(400, 'forsendelseIds mangler')];
      const statuser = fake.forsendelser.filter((f) => ids.includes(f.id)).map((f) => statusOf(f, clock));
      return [200, { statuser }];
    }
    const stored = await parseForsendelse(req, body, clock);
    if ('problem' in stored) return [400, error(400, stored.problem, 'VALIDERING')];
    const digitalId = (stored.metadata.mottaker as { digitalId?: string }).digitalId;
    fake.forsendelser.push({ ...stored, script: digitalId ? (fake.recipients.get(digitalId) ?? SCRIPTS.digital) : SCRIPTS.print });
    return [200, { id: stored.id }];
  }

  fake.url = server.url;
  fake.close = server.close;
  return fake;
}

function statusOf(f: StoredForsendelse, now: number) {
  let current = f.script[0];
  for (const step of f.script) if (f.receivedAt + step[0] <= now) current = step;
  return { id: f.id, status: current[1], sisteStatusEndring: new Date(f.receivedAt + current[0]).toISOString() };
}
