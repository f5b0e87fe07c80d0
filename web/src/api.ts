/**
 * The one API client of the web app: the typed client of api/client over the same origin, with
 * the cookie session. Every state-changing request carries the session's CSRF token; a 401 (the
 * session ended) sends the browser to the login, back to where it was afterwards.
 */
import type { Middleware } from 'openapi-fetch';
import { createApiClient, type components } from '../../api/client';
import { msg, t } from './i18n';

export type { components, paths } from '../../api/client';
export type Problem = components['schemas']['Problem'];

let csrfToken: string | null = null;

/** Set by the SessionProvider once the session is known. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** A full page navigation to the login, which returns to the current page. */
export function goToLogin(): void {
  const returnTo = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) goToLogin();
    return response;
  },
};

export const api = createApiClient({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(sessionMiddleware);

/**
 * Calls outside the generated contract (routes added after the last `npm run openapi`), with the
 * same CSRF header and 401 handling. Answers `{ data }` or `{ error }` like the typed client.
 */
export async function callApi<T>(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ data?: T; error?: Problem; response: Response }> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(SAFE_METHODS.has(method) ? {} : csrfHeaders()),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) goToLogin();
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  return response.ok ? { data: parsed as T, response } : { error: asProblem(parsed, response.status), response };
}

function asProblem(value: unknown, status: number): Problem {
  if (value && typeof value === 'object' && 'title' in value && 'status' in value) return value as Problem;
  return { type: 'about:blank', title: t('Feil'), status, detail: t('Tjenesten svarte {{status}}', { status }) };
}

export interface FormErrors {
  /** One sentence for the top of the form or an alert. */
  summary: string;
  /** Messages by field path without the 'body.' prefix, e.g. 'child.birthDate', 'consenters.0.name'. */
  fields: Record<string, string>;
}

const STATUS_TEXT: Record<number, string> = {
  400: msg('Noen felt er ikke fylt ut riktig.'),
  401: msg('Du er ikke logget inn.'),
  403: msg('Du har ikke tilgang til dette.'),
  404: msg('Fant ikke det du ba om.'),
  409: msg('Saken tillater ikke dette nå.'),
  412: msg('Saken er endret siden du åpnet den. Last siden på nytt.'),
  422: msg('Opplysningene kan ikke lagres.'),
  429: msg('For mange forespørsler. Prøv igjen om litt.'),
  500: msg('Noe gikk galt hos oss. Prøv igjen senere.'),
};

/** A validator's message in Norwegian where we recognise it; otherwise as the API said it. */
export function fieldMessage(message: string): string {
  if (/received undefined|required/i.test(message)) return t('Må fylles ut');
  if (/too_small|>=\s*1 character|at least 1/i.test(message)) return t('Må fylles ut');
  if (/date/i.test(message)) return t('Ugyldig dato');
  if (/uuid/i.test(message)) return t('Ugyldig valg');
  if (/invalid option|expected one of/i.test(message)) return t('Velg et av alternativene');
  const digits = /must be (\d+) digits/i.exec(message);
  if (digits) return t('Må være {{digits}} siffer', { digits: digits[1] });
  if (/email/i.test(message)) return t('Ugyldig e-postadresse');
  if (/telephone/i.test(message)) return t('Ugyldig telefonnummer: siffer og mellomrom, 8 til 20, gjerne med + først');
  return message;
}

/** Turns an openapi-fetch error (an RFC 9457 problem) into a summary and messages per field. */
export function formErrors(error: unknown): FormErrors {
  const problem = (error && typeof error === 'object' ? error : {}) as Partial<Problem>;
  const fields: Record<string, string> = {};
  for (const e of problem.errors ?? []) {
    const path = e.field.replace(/^body\.?/, '');
    fields[path] ??= fieldMessage(e.message);
  }
  const status = problem.status ?? 500;
  // A rule's refusal says which rule (in the API's words); other details are for the log, not the person.
  const text = STATUS_TEXT[status] === undefined ? t('Noe gikk galt.') : t(STATUS_TEXT[status]);
  const summary = (status === 409 || status === 422) && problem.detail ? `${text} (${problem.detail})` : text;
  return { summary, fields };
}

/** The summary of a failed read or command, for an Alert. */
export function problemText(error: unknown): string {
  return formErrors(error).summary;
}
