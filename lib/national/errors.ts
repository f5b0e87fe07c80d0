/**
 * Failures of the national services (Maskinporten, SvarUt, KRR), sorted by what the caller
 * should do: a retryable failure (5xx, 408, 429, a timeout, a broken connection) may succeed
 * later and the activity retries it; a permanent one (any other 4xx: a refused forsendelse, a
 * client Maskinporten does not know) will fail the same way again and needs a person.
 *
 * Messages name the service, the operation and the status, never a request or response body:
 * bodies carry national identity numbers and names, and errors end up in logs and in Temporal.
 */
export type NationalService = 'maskinporten' | 'svarut' | 'krr';

export class NationalServiceError extends Error {
  constructor(
    readonly service: NationalService,
    readonly operation: string,
    message: string,
    readonly retryable: boolean,
    /** The HTTP status, when the service answered. */
    readonly status?: number,
    /** The service's own error code (SvarUt's errorCode, OAuth's error), when it gave one. */
    readonly code?: string,
  ) {
    super(`${service} ${operation}: ${message}`);
    this.name = retryable ? 'RetryableNationalServiceError' : 'PermanentNationalServiceError';
  }
}

/** Try again later: the service was unavailable, slow or overloaded. */
export class RetryableError extends NationalServiceError {
  constructor(service: NationalService, operation: string, message: string, status?: number, code?: string) {
    super(service, operation, message, true, status, code);
  }
}

/** The request itself is wrong or refused; the same request will fail the same way. */
export class PermanentError extends NationalServiceError {
  constructor(service: NationalService, operation: string, message: string, status?: number, code?: string) {
    super(service, operation, message, false, status, code);
  }
}

/** 408 (request timeout) and 429 (too many requests) are client-side statuses that pass with time. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}
