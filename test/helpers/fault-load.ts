/**
 * A steady load of case commands over HTTP for the fault suite, and the record of every attempt.
 *
 * Each lane drives one case after another from registration to appointment, one command at a
 * time: register (with an Idempotency-Key), consent, schedule, interview, assessment, decision,
 * appointment. Every attempt carries its own X-Request-Id, which the service keeps in the event
 * row (`case_events.request_id`), so the audit can tell which attempt produced which event.
 *
 * After an answer that settles nothing — no answer (connection refused or reset, timeout) or a
 * 5xx — the lane does not know whether the command was applied. It re-reads the case and
 * decides the next command from what it sees, with a new request id; a command that was applied
 * after all then shows up as an event of an attempt that got no 2xx (counted, and allowed). A
 * 409 means the command no longer fits the case (typically: it was applied by an earlier
 * attempt); the lane re-reads and goes on. Registration is retried with the same
 * Idempotency-Key until it answers 201, so no case is started twice.
 */
import { randomUUID } from 'node:crypto';
import { allMet, caseRequest, interview, today } from './fixtures';

export type Step = 'register' | 'consent' | 'schedule' | 'interview' | 'assessment' | 'decision' | 'appointment' | 'read';

/** The event each command writes. */
export const EVENT_OF: Record<Exclude<Step, 'read'>, string> = {
  register: 'RequestRegistered',
  consent: 'ConsentRecorded',
  schedule: 'KartleggingScheduled',
  interview: 'KartleggingHeld',
  assessment: 'AssessmentRecorded',
  decision: 'DecisionRecorded',
  appointment: 'CoordinatorAppointed',
};

export interface Attempt {
  /** Lane number; -1 for the lane that registers cases left waiting for their reminders. */
  lane: number;
  step: Step;
  /** The Idempotency-Key of a registration. */
  key?: string;
  caseId?: string;
  requestId: string;
  sentAt: number;
  doneAt: number;
  /** HTTP status; 0 when there was no answer (refused, reset, timed out). */
  status: number;
  version?: number;
  error?: string;
}

export interface LoadOptions {
  baseUrl: string;
  headers: Record<string, string>;
  lanes: number;
  /** Registers one case every this many ms and leaves it waiting for consent (reminders fall due). */
  reminderCaseEveryMs: number;
  registry: { unitId: string; coordinatorId: string };
  /** Prefix of the Idempotency-Keys, to find this run's cases in case_requests. */
  keyPrefix: string;
  requestTimeoutMs?: number;
}

export interface Load {
  attempts: Attempt[];
  /** Idempotency-Keys of the cases left waiting for consent. */
  reminderKeys: string[];
  /** Unexpected answers (400, 401, 403, 404, 429…): each is a failure of the run. */
  unexpected: Attempt[];
  /** Lanes that stopped on an unexpected answer. */
  errors: string[];
  /** Completed commands (2xx) of the closed-loop lanes, by completion time. */
  completions(): number[];
  /** Stops after the requests in flight; registrations in flight are finished first. */
  stop(): Promise<void>;
  /** Stops now, whatever is unfinished (a test that failed). */
  abort(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type View = {
  id: string;
  status: string;
  version: number;
  kartlegging?: { scheduledAt?: string; interview?: unknown; assessment?: unknown };
};

export function startLoad(o: LoadOptions): Load {
  const attempts: Attempt[] = [];
  const unexpected: Attempt[] = [];
  const reminderKeys: string[] = [];
  const timeoutMs = o.requestTimeoutMs ?? 15_000;
  let stopping = false;
  let aborted = false;
  const controller = new AbortController();

  async function send(lane: number, step: Step, method: 'GET' | 'POST', path: string, body?: unknown, extra: Partial<Attempt> = {}) {
    const requestId = `${o.keyPrefix}-${randomUUID()}`;
    const attempt: Attempt = { lane, step, requestId, sentAt: Date.now(), doneAt: 0, status: 0, ...extra };
    let json: any;
    try {
      const res = await fetch(`${o.baseUrl}${path}`, {
        method,
        headers: { ...o.headers, 'x-request-id': requestId, ...(step === 'register' ? { 'idempotency-key': extra.key! } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), controller.signal]),
      });
      attempt.status = res.status;
      json = await res.json().catch(() => undefined);
      if (res.ok && typeof json?.version === 'number') attempt.version = json.version;
      if (!res.ok) attempt.error = json?.detail ?? json?.title;
    } catch (err) {
      attempt.error = (err as Error).cause ? String(((err as Error).cause as Error).message ?? (err as Error).cause) : (err as Error).message;
    }
    attempt.doneAt = Date.now();
    if (step !== 'read') attempts.push(attempt);
    const ambiguous = attempt.status === 0 || attempt.status >= 500;
    if (!ambiguous && attempt.status >= 400 && attempt.status !== 409) unexpected.push(attempt);
    return { attempt, body: json, ok: attempt.status >= 200 && attempt.status < 300, ambiguous };
  }

  /** Registers a case, retrying with the same key until it is registered. */
  async function register(lane: number): Promise<View> {
    const key = `${o.keyPrefix}-${randomUUID()}`;
    if (lane < 0) reminderKeys.push(key);
    for (let i = 0; ; i++) {
      const r = await send(lane, 'register', 'POST', '/cases', caseRequest(), { key });
      if (r.ok) {
        r.attempt.caseId = r.body.id;
        return r.body as View;
      }
      if (!r.ambiguous) throw new Error(`registration answered ${r.attempt.status}: ${r.attempt.error}`);
      if (aborted) throw new Error('aborted');
      await sleep(Math.min(100 * 2 ** i, 1000));
    }
  }

  /** The case as the API has it now; waits through an outage. */
  async function read(lane: number, caseId: string): Promise<View> {
    for (let i = 0; ; i++) {
      const r = await send(lane, 'read', 'GET', `/cases/${caseId}`);
      if (r.ok) return r.body as View;
      if (!r.ambiguous) throw new Error(`GET /cases/${caseId} answered ${r.attempt.status}: ${r.attempt.error}`);
      if (aborted) throw new Error('aborted');
      await sleep(Math.min(100 * 2 ** i, 1000));
    }
  }

  function next(view: View): { step: Step; path: string; body: unknown } | undefined {
    const k = view.kartlegging ?? {};
    const id = view.id;
    switch (view.status) {
      case 'awaiting_consent':
        return { step: 'consent', path: `/cases/${id}/consents`, body: { givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment', 'information_sharing'], givenOn: today() } };
      case 'kartlegging':
      case 'awaiting_decision':
        if (!k.scheduledAt && view.status === 'kartlegging') return { step: 'schedule', path: `/cases/${id}/kartlegging/schedule`, body: { scheduledAt: new Date().toISOString() } };
        if (!k.interview) return { step: 'interview', path: `/cases/${id}/kartlegging`, body: interview };
        if (!k.assessment) return { step: 'assessment', path: `/cases/${id}/kartlegging/assessment`, body: allMet };
        return { step: 'decision', path: `/cases/${id}/decision`, body: { outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', decidedOn: today() } };
      case 'granted':
        return { step: 'appointment', path: `/cases/${id}/appointment`, body: { ...o.registry, appointedOn: today() } };
      default:
        return undefined;
    }
  }

  async function lane(n: number) {
    while (!stopping) {
      let view = await register(n);
      for (let command = next(view); command && !stopping; command = next(view)) {
        const r = await send(n, command.step, 'POST', command.path, command.body, { caseId: view.id });
        if (r.ok) {
          view = r.body as View;
          continue;
        }
        if (!r.ambiguous && r.attempt.status !== 409) throw new Error(`${command.step} answered ${r.attempt.status}: ${r.attempt.error}`);
        await sleep(r.attempt.status === 409 ? 50 : 200);
        view = await read(n, view.id);
      }
    }
  }

  async function reminderLane() {
    while (!stopping) {
      const started = Date.now();
      await register(-1);
      await sleep(Math.max(0, o.reminderCaseEveryMs - (Date.now() - started)));
    }
  }

  const errors: string[] = [];
  const running = [...Array.from({ length: o.lanes }, (_, i) => lane(i)), reminderLane()].map((p) => p.catch((err) => void errors.push((err as Error).message)));
  return {
    attempts,
    reminderKeys,
    unexpected,
    errors,
    completions: () => attempts.filter((a) => a.lane >= 0 && a.status >= 200 && a.status < 300).map((a) => a.doneAt),
    async stop() {
      stopping = true;
      await Promise.all(running);
    },
    async abort() {
      stopping = true;
      aborted = true;
      controller.abort();
      await Promise.all(running);
    },
  };
}
