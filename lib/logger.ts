import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/**
 * Structured JSON logs. Personal data must never reach them: request bodies are not logged,
 * and redaction is a second line of defence for fields that carry names, ids or credentials,
 * at any depth: pino's fast path redaction for the usual places, and a walk of every logged
 * object for the rest. Framework objects (Fastify's request and reply) are serialized to the few
 * fields a log needs before the walk, never walked themselves: their graph (socket, server,
 * router, …) is large, and walking it cost milliseconds on every request. The walk also
 * - censors binary data whole: the Temporal SDK logs workflow activations at trace level with
 *   their payloads, decoded (the registration with the child's name and birth date among them),
 *   as byte arrays;
 * - turns errors into plain objects (type, message, stack, code, cause) and drops what else an
 *   error carries (a PostgreSQL error's `detail` quotes the values of a row);
 * - masks calendar dates and national identity numbers in every text, the message included:
 *   a refusal or a failure may quote a birth date, a termin or the 18th birthday. Instants
 *   (2026-03-01T09:00:00Z) stay, they are when things happened, not who someone is.
 */
const REDACT_PATHS = [
  'name',
  'nationalId',
  'birthDate',
  '*.name',
  '*.nationalId',
  '*.birthDate',
  '*.*.name',
  '*.*.nationalId',
  '*.*.birthDate',
  'req.headers.authorization',
  'body',
  '*.body',
];

export const CENSOR = '[redacted]';

const SENSITIVE_KEYS = new Set(['name', 'nationalId', 'birthDate', 'expectedDate', 'authorization', 'body']);
const MAX_DEPTH = 12;

const MONTHS = 'januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember';
/** Calendar dates as the service, its libraries and people write them; not instants (a 'T' follows). */
const DATES = new RegExp(
  [
    String.raw`(?<![\d-])\d{4}-\d{2}-\d{2}(?![\dT])`, // 2015-03-04, not 2015-03-04T10:00
    String.raw`(?<![\d.])\d{1,2}\.\d{1,2}\.\d{4}(?!\d)`, // 04.03.2015, 4.3.2015
    String.raw`(?<![\d/])\d{1,2}/\d{1,2}/\d{4}(?!\d)`, // 04/03/2015
    String.raw`(?<!\d)\d{1,2}\. ?(?:${MONTHS}) \d{4}(?!\d)`, // 4. mars 2015
  ].join('|'),
  'gi',
);
/** Eleven digits on their own: a fødselsnummer or D-nummer. */
const NATIONAL_ID = /(?<!\d)\d{11}(?!\d)/g;
export const DATE_MASK = '[dato]';
export const NATIONAL_ID_MASK = '[fnr]';

/** A text with calendar dates and national identity numbers masked. */
export function maskText(text: string): string {
  return text.replace(DATES, DATE_MASK).replace(NATIONAL_ID, NATIONAL_ID_MASK);
}

/** An error as a plain object of what helps to find its cause, with its texts masked. */
function errorObject(err: Error, depth: number): Record<string, unknown> {
  const e = err as Error & { code?: unknown; type?: unknown; cause?: unknown };
  const out: Record<string, unknown> = { type: err.constructor?.name ?? err.name, message: maskText(String(err.message)) };
  if (typeof e.type === 'string') out.failureType = e.type;
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  if (err.stack) out.stack = maskText(err.stack);
  if (e.cause !== undefined) out.cause = redactDeep(e.cause, depth + 1);
  return out;
}

/**
 * A copy of a logged value with every sensitive key censored, binary data censored, errors made
 * plain, and dates and national identity numbers masked in its texts, however deep.
 */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (depth >= MAX_DEPTH) return CENSOR;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return CENSOR;
  if (value instanceof Error) return errorObject(value, depth);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = SENSITIVE_KEYS.has(key) ? CENSOR : redactDeep(inner, depth + 1);
  return copy;
}

/** Whether a value is data (a plain object) rather than an instance of some class. */
function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
}

/** What a log needs of a request: no headers, no body, and not the client's address (a person's, often). */
function requestObject(req: LoggedRequest): Record<string, unknown> {
  return { method: req.method, url: req.url, host: req.host };
}

/**
 * Serializers of framework objects, applied before redaction; plain objects logged under the
 * same keys are data already and pass as they are (pino applies a key's serializer again after
 * the formatter, and these override Fastify's for its child loggers).
 */
const FRAMEWORK = new Map<string, (value: object) => unknown>([
  ['req', (req) => (isPlain(req) ? req : requestObject(req as LoggedRequest))],
  ['res', (reply) => (isPlain(reply) ? reply : { statusCode: (reply as { statusCode?: number }).statusCode })],
]);

/** The logged object with framework objects serialized, then redacted as data. */
function redactLogged(object: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    const serialize = FRAMEWORK.get(key);
    copy[key] = serialize && value !== null && typeof value === 'object' ? serialize(value) : value;
  }
  return redactDeep(copy) as Record<string, unknown>;
}

export function loggerOptions(level: string, base: Record<string, unknown> = {}): LoggerOptions {
  return {
    level,
    base: { service: 'barnekoordinator', ...base },
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    serializers: {
      msg: (msg: unknown) => (typeof msg === 'string' ? maskText(msg) : msg),
      // formatters.log has made errors plain already; pino's own err serializer would take them apart again.
      err: (err: unknown) => (err instanceof Error ? errorObject(err, 0) : err),
      req: (req: unknown) => req,
      res: (res: unknown) => res,
    },
    formatters: {
      log: redactLogged,
      bindings: (bindings) => redactDeep(bindings) as Record<string, unknown>,
    },
  };
}

export function createLogger(level: string, base: Record<string, unknown> = {}, destination?: DestinationStream): Logger {
  return destination ? pino(loggerOptions(level, base), destination) : pino(loggerOptions(level, base));
}
