import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/**
 * Structured JSON logs. Personal data must never reach them: request bodies are not logged,
 * and redaction is a second line of defence for fields that carry names, ids or credentials,
 * at any depth: pino's fast path redaction for the usual places, and a walk of every logged
 * object for the rest.
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

const SENSITIVE_KEYS = new Set(['name', 'nationalId', 'birthDate', 'authorization', 'body']);
const MAX_DEPTH = 12;

/** A copy of a logged value with every sensitive key censored, however deep. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Error || value instanceof Date) return value;
  if (depth >= MAX_DEPTH) return CENSOR;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = SENSITIVE_KEYS.has(key) ? CENSOR : redactDeep(inner, depth + 1);
  return copy;
}

export function loggerOptions(level: string, base: Record<string, unknown> = {}): LoggerOptions {
  return {
    level,
    base: { service: 'barnekoordinator', ...base },
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
  };
}

export function createLogger(level: string, base: Record<string, unknown> = {}, destination?: DestinationStream): Logger {
  return destination ? pino(loggerOptions(level, base), destination) : pino(loggerOptions(level, base));
}
