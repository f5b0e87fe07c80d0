/**
 * Steps of the case process through the typed API client, for tests that need a case in a given
 * state. The bodies are checked against the committed contract by the compiler.
 */
import type { FastifyInstance } from 'fastify';
import { allMet, caseRequest, interview, today } from './fixtures';
import type { Who } from './auth';
import { clientOf } from './client';

/** The answer's data, or an error naming the refusal. */
function ok<T>(what: string, res: { data?: T; error?: unknown; response: Response }): T {
  if (res.data === undefined) throw new Error(`${what} answered ${res.response.status}: ${JSON.stringify(res.error)}`);
  return res.data;
}

type CaseRequestOverrides = Record<string, unknown>;

/** The helpers below act as KE of the test municipality, or as `who`. */
export async function newCase(app: FastifyInstance, overrides: CaseRequestOverrides = {}, who: Who = {}): Promise<string> {
  // The overrides may be anything a test wants accepted or refused, so this one body is not typed.
  const res = await clientOf(app, who).POST('/cases', { body: caseRequest(overrides) as never });
  return ok('POST /cases', res).id;
}

export async function consented(app: FastifyInstance, overrides: CaseRequestOverrides = {}, who: Who = {}) {
  const id = await newCase(app, overrides, who);
  const params = { path: { id } };
  ok(
    'consent',
    await clientOf(app, who).POST('/cases/{id}/consents', {
      params,
      body: { givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment', 'information_sharing'], givenOn: today() },
    }),
  );
  return id;
}

export async function mapped(app: FastifyInstance, assessment = allMet, who: Who = {}) {
  const id = await consented(app, {}, who);
  const api = clientOf(app, who);
  const params = { path: { id } };
  ok('interview', await api.POST('/cases/{id}/kartlegging', { params, body: interview }));
  ok('assessment', await api.POST('/cases/{id}/kartlegging/assessment', { params, body: assessment }));
  return id;
}

export async function granted(app: FastifyInstance, who: Who = {}) {
  const id = await mapped(app, allMet, who);
  const body = { outcome: 'granted' as const, reasons: 'Alle vilkår er oppfylt.', decidedOn: today() };
  ok('decision', await clientOf(app, who).POST('/cases/{id}/decision', { params: { path: { id } }, body }));
  return id;
}

export async function refused(app: FastifyInstance) {
  const id = await mapped(app, { ...allMet, seriousCondition: { met: false, text: 'Ikke alvorlig nok.' } });
  const body = {
    outcome: 'refused' as const,
    reasons: 'Vilkår b er ikke oppfylt.',
    offeredInstead: ['coordinated_services' as const, 'ordinary_coordinator' as const],
    decidedOn: today(),
  };
  ok('decision', await clientOf(app).POST('/cases/{id}/decision', { params: { path: { id } }, body }));
  return id;
}

/** A unit and its coordinator; with a subject, the coordinator can sign in (tokenFor({ roles: ['coordinator'], sub })). */
export async function unitWithCoordinator(app: FastifyInstance, tag = Math.random().toString(36).slice(2), subject?: string) {
  const api = clientOf(app);
  const unit = ok('POST /units', await api.POST('/units', { body: { name: `Helsestasjon ${tag}`, sector: 'health' } }));
  const coordinator = ok(
    'POST /coordinators',
    await api.POST('/coordinators', { body: { unitId: unit.id, name: 'Kim Koordinator', email: `kim.${tag}@kommune.no`, subject } }),
  );
  return { unitId: unit.id, coordinatorId: coordinator.id };
}

/** A granted case appointed to the given unit and coordinator. */
export async function appointed(app: FastifyInstance, who: { unitId: string; coordinatorId: string }) {
  const id = await granted(app);
  ok('appointment', await clientOf(app).POST('/cases/{id}/appointment', { params: { path: { id } }, body: { ...who, appointedOn: today() } }));
  return id;
}
