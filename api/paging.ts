/**
 * Paging for lists: `limit` and `offset` in the query; `total` (every matching row, same scope)
 * and `next` (this URL with the next offset, or null on the last page) in the answer, beside the
 * list's own key. Each list's order is total (it ends in a unique column), so following `next`
 * yields every row once.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Page, Rows } from './repositories/page';

/** The query fields of a paged list, with its default and largest page. */
export const pageQuery = (defaultLimit: number, maxLimit: number) => ({
  limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit).describe(`At most this many rows (1 to ${maxLimit}, default ${defaultLimit})`),
  offset: z.coerce.number().int().min(0).default(0).describe('Skip this many rows of the list first (default 0)'),
});

/** The answer fields beside the list. */
export const pageFields = {
  total: z.number().int().min(0).describe('How many rows match in all (with the same filters and scope), not only on this page'),
  next: z
    .string()
    .nullable()
    .describe('The relative URL of the next page (the same query with the next offset), or null when this is the last page'),
};

/** The relative URL of the page after this one, or null when no row is left. */
export function nextPageUrl(request: FastifyRequest, page: Page, total: number): string | null {
  const offset = page.offset + page.limit;
  if (offset >= total) return null;
  const at = request.url.indexOf('?');
  const path = at === -1 ? request.url : request.url.slice(0, at);
  const query = new URLSearchParams(at === -1 ? '' : request.url.slice(at + 1));
  query.set('limit', String(page.limit));
  query.set('offset', String(offset));
  return `${path}?${query}`;
}

/** A repository's rows as a paged answer under the list's key. */
export function paged<K extends string, T>(request: FastifyRequest, key: K, page: Page, { rows, total }: Rows<T>) {
  return { [key]: rows, total, next: nextPageUrl(request, page, total) } as { [P in K]: T[] } & { total: number; next: string | null };
}
