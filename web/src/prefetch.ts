/**
 * The first page's reads, started as soon as the app's script runs: in parallel with the session
 * (GET /auth/session) and with the page's own code, rather than one after the other. The page's
 * useQuery takes the answer already under way for its key instead of asking again; a key taken
 * once, or older than a few seconds, is asked anew. The reads are the ones the page makes anyway,
 * with the same headers (a closed case without a reason gets the same 400 the page would get).
 */
import { api } from './api';
import type { Answer } from './hooks/useQuery';

const FRESH_MS = 5_000;
const started = new Map<string, { at: number; answer: Promise<Answer<unknown>> }>();

function prefetch(key: string, load: () => Promise<Answer<unknown>>): void {
  const answer = load();
  // A read that failed is the page's to report when it takes it; until then it is not unhandled.
  answer.catch(() => undefined);
  started.set(key, { at: Date.now(), answer });
}

/** The answer started for this key (the page's own read, typed as the page makes it), once; undefined if none is or it is stale. */
export function takePrefetched<A>(key: string): Promise<A> | undefined {
  const found = started.get(key);
  started.delete(key);
  if (!found || Date.now() - found.at > FRESH_MS) return undefined;
  return found.answer as Promise<A>;
}

/** The keys and reads of each page, as the page's useQuery calls name them. */
export const registryReads = {
  units: () => api.GET('/units'),
  coordinators: () => api.GET('/coordinators', { params: { query: { limit: 1000 } } }),
};
/** With the child's name on each row (each case shown is then in its access log, once a day). */
export const worklistRead = (dueWithinDays: number, kind?: string, responsible?: string) =>
  api.GET('/ke/worklist', { params: { query: { kind: kind as never, responsible, dueWithinDays, withChild: 'true' } } });
export const worklistKey = (kind: string, responsible: string, dueWithinDays: number | undefined) => `worklist:${kind}:${responsible}:${dueWithinDays}`;
export const keRemindersRead = () => api.GET('/ke/reminders', { params: { query: { limit: 200 } } });
export const caseRead = (id: string, reason?: string) => api.GET('/cases/{id}', { params: { path: { id }, header: reason ? { 'x-access-reason': reason } : {} } });

/** Starts the reads of the page at this path (before anyone knows the person's roles: a read the role does not allow is refused and never taken). */
export function prefetchFor(pathname: string): void {
  if (pathname === '/arbeidsliste') {
    prefetch(worklistKey('', '', 7), () => worklistRead(7));
    prefetch('ke-reminders', keRemindersRead);
    prefetch('units', registryReads.units);
    prefetch('coordinators', registryReads.coordinators);
    return;
  }
  const casePath = /^\/saker\/([0-9a-f-]{36})$/.exec(pathname);
  if (casePath) prefetch(`case:${casePath[1]}`, () => caseRead(casePath[1]));
}
