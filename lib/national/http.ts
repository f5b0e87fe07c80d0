/**
 * One HTTP request to a national service, with a deadline: the answer (headers and body) must
 * be in within `timeoutMs`, or the request is aborted and fails as retryable. A service that
 * answers with an error status fails as retryable or permanent (errors.ts); the body of an
 * error answer is read only for the service's error code.
 */
import { PermanentError, RetryableError, isRetryableStatus, type NationalService } from './errors';

export type Fetch = typeof fetch;

export interface CallOptions {
  service: NationalService;
  operation: string;
  timeoutMs: number;
  fetch?: Fetch;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

export async function call(url: string | URL, init: RequestInit, options: CallOptions): Promise<Answer> {
  const { service, operation, timeoutMs } = options;
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  let text: string;
  try {
    res = await doFetch(url, { ...init, signal });
    text = await res.text();
  } catch (err) {
    if (signal.aborted) throw new RetryableError(service, operation, `no answer within ${timeoutMs} ms`);
    throw new RetryableError(service, operation, `request failed (${(err as Error).name}: ${causeCode(err)})`);
  }
  if (res.status >= 200 && res.status < 300) return { status: res.status, headers: res.headers, text };
  const code = errorCode(text, service);
  const message = `answered ${res.status}${code ? ` (${code})` : ''}`;
  if (isRetryableStatus(res.status)) throw new RetryableError(service, operation, message, res.status, code);
  throw new PermanentError(service, operation, message, res.status, code);
}

/** Parses a JSON answer; an answer that is not JSON is the service misbehaving, so retryable. */
export function json<T>(answer: Answer, service: NationalService, operation: string): T {
  try {
    return JSON.parse(answer.text) as T;
  } catch {
    throw new RetryableError(service, operation, `answered ${answer.status} with a body that is not JSON`, answer.status);
  }
}

/** SvarUt's ErrorMessage.errorCode (its "error" is only the reason phrase), or OAuth's "error"; nothing else of the body. */
function errorCode(text: string, service: NationalService): string | undefined {
  try {
    const body = JSON.parse(text) as { errorCode?: unknown; error?: unknown };
    const code = service === 'svarut' ? body.errorCode : body.error;
    return typeof code === 'string' && /^[\w.:-]{1,80}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}

function causeCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : 'no code';
}
