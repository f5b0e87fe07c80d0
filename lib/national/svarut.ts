/**
 * KS Fiks SvarUt, REST API v2 (KS's OpenAPI descriptions forsendelse-send-api-v2.json,
 * forsendelse-eksternref-api-v2.json and forsendelse-status-api-v2.json, and
 * developers.fiks.ks.no/tjenester/svarut/restv2): sends a letter as a forsendelse with its PDF,
 * and asks for its status.
 *
 * Every request carries a Maskinporten token (scope ks:fiks) and the Fiks integration's id and
 * password. send() is idempotent by eksternReferanse = the letter id: it first asks SvarUt for
 * forsendelser with that reference, and sends only when there is none. An attempt whose answer
 * was lost (a 5xx after SvarUt stored it, a timeout) is retried by the caller, finds the stored
 * forsendelse and sends nothing.
 */
import { PermanentError, RetryableError } from './errors';
import { call, json, type Fetch } from './http';
import type { TokenSource } from './maskinporten';
import { forsendelseForm, type OutgoingLetter } from './svarut-form';
import { mapSvarUtStatus, type DeliveryState } from './svarut-status';

export { forsendelseForm, type OutgoingLetter, type PostalAddress } from './svarut-form';
export { mapSvarUtStatus, SVARUT_STATUSES, type DeliveryState, type SvarUtStatus } from './svarut-status';

export interface SvarUtConfig {
  /** https://test.svarut.ks.no or https://svarut.ks.no; the paths begin with /api/v2. */
  baseUrl: string;
  /** The sender account (konto) the letters go out from. */
  kontoId: string;
  /** The Fiks integration's id and password (Fiks-plattformen, "integrasjoner"). */
  integrasjonId: string;
  integrasjonPassord: string;
  tokens: TokenSource;
  /** Default ks:fiks. */
  scope?: string;
  /** Identifies this system to SvarUt (avgivendeSystem). */
  avgivendeSystem?: string;
  /** For sending (default 60 s; KS recommends up to 16 minutes for large files, letters are small). */
  sendTimeoutMs?: number;
  /** For lookups and status (default 15 s). */
  timeoutMs?: number;
  fetch?: Fetch;
}

export interface SendResult {
  forsendelseId: string;
  /** A forsendelse with this letter id was there already; nothing was sent now. */
  alreadySent: boolean;
}

export interface DeliveryStatus {
  forsendelseId: string;
  /** SvarUt's own status name. */
  svarutStatus: string;
  state: DeliveryState;
  final: boolean;
  /** sisteStatusEndring: when SvarUt's status last changed (ISO 8601). */
  changedAt: string;
}

export interface SvarUtClient {
  send(letter: OutgoingLetter): Promise<SendResult>;
  /** The forsendelser SvarUt holds with this eksternReferanse. */
  findByLetterId(letterId: string): Promise<string[]>;
  status(forsendelseId: string): Promise<DeliveryStatus>;
  statuses(forsendelseIds: string[]): Promise<DeliveryStatus[]>;
}

export function createSvarUtClient(config: SvarUtConfig): SvarUtClient {
  const base = `${config.baseUrl.replace(/\/+$/, '')}/api/v2/kontoer/${encodeURIComponent(config.kontoId)}/forsendelser`;
  const scope = config.scope ?? 'ks:fiks';
  const timeoutMs = config.timeoutMs ?? 15_000;

  /** One request with the credentials; a refused token is renewed and the request tried once more. */
  async function request(operation: string, url: string, init: RequestInit, ms: number) {
    for (let attempt = 1; ; attempt++) {
      const token = await config.tokens.accessToken(scope);
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      headers.set('IntegrasjonId', config.integrasjonId);
      headers.set('IntegrasjonPassord', config.integrasjonPassord);
      headers.set('accept', 'application/json');
      try {
        return await call(url, { ...init, headers }, { service: 'svarut', operation, timeoutMs: ms, fetch: config.fetch });
      } catch (err) {
        if (attempt === 1 && err instanceof PermanentError && err.status === 401) {
          config.tokens.invalidate(scope);
          continue;
        }
        throw err;
      }
    }
  }

  async function findByLetterId(letterId: string): Promise<string[]> {
    const answer = await request('eksternref', `${base}?${new URLSearchParams({ eksternRef: letterId })}`, { method: 'GET' }, timeoutMs);
    const body = json<{ forsendelseIds?: unknown }>(answer, 'svarut', 'eksternref');
    if (!Array.isArray(body.forsendelseIds) || !body.forsendelseIds.every((id) => typeof id === 'string')) {
      throw new RetryableError('svarut', 'eksternref', 'answered without forsendelseIds', answer.status);
    }
    return body.forsendelseIds as string[];
  }

  async function statuses(forsendelseIds: string[]): Promise<DeliveryStatus[]> {
    if (forsendelseIds.length === 0) return [];
    const answer = await request(
      'status',
      `${base}/status-sok`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ forsendelseIds }) },
      timeoutMs,
    );
    const body = json<{ statuser?: { id?: unknown; status?: unknown; sisteStatusEndring?: unknown }[] }>(answer, 'svarut', 'status');
    if (!Array.isArray(body.statuser)) throw new RetryableError('svarut', 'status', 'answered without statuser', answer.status);
    return body.statuser.flatMap((s) =>
      typeof s.id === 'string' && typeof s.status === 'string' && typeof s.sisteStatusEndring === 'string'
        ? [{ forsendelseId: s.id, svarutStatus: s.status, ...mapSvarUtStatus(s.status), changedAt: s.sisteStatusEndring }]
        : [],
    );
  }

  return {
    findByLetterId,
    statuses,
    async status(forsendelseId) {
      const found = (await statuses([forsendelseId])).find((s) => s.forsendelseId === forsendelseId);
      if (!found) throw new PermanentError('svarut', 'status', 'SvarUt knows no forsendelse with this id');
      return found;
    },
    async send(letter) {
      const existing = await findByLetterId(letter.letterId);
      if (existing.length > 0) return { forsendelseId: existing[0], alreadySent: true };
      const form = forsendelseForm(letter, config);
      const answer = await request(
        'send',
        `${base}/`,
        { method: 'POST', headers: { 'content-type': form.contentType }, body: form.body },
        config.sendTimeoutMs ?? 60_000,
      );
      const body = json<{ id?: unknown }>(answer, 'svarut', 'send');
      if (typeof body.id !== 'string') throw new RetryableError('svarut', 'send', 'answered without the forsendelse id', answer.status);
      return { forsendelseId: body.id, alreadySent: false };
    },
  };
}
