import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Personal data must never reach them: request bodies are not logged,
 * and the redaction below is a second line of defence for fields that carry names or ids.
 */
export const REDACT_PATHS = [
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

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({ level, base: { service: 'barnekoordinator', ...base }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
}
