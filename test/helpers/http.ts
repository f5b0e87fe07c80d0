import type { FastifyInstance } from 'fastify';
import { bearer } from './auth';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/**
 * app.inject with JSON in and out, as KE of the test municipality unless the headers carry
 * another Authorization (an empty one sends none).
 */
export async function call<T = any>(app: FastifyInstance, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
  const given = headers.authorization;
  const { authorization: _, ...rest } = headers;
  const auth = given === undefined ? await bearer() : given === '' ? {} : { authorization: given };
  const res = await app.inject({ method, url, payload: payload as object, headers: { ...rest, ...auth } });
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.statusCode, body: type.includes('json') ? res.json() : (res.body as T), headers: res.headers };
}

export async function eventually<T>(fn: () => Promise<T | undefined>, timeoutMs = 15_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
