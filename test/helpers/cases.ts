/** Steps of the case process through the HTTP API, for tests that need a case in a given state. */
import type { FastifyInstance } from 'fastify';
import { allMet, caseRequest, interview, today } from './fixtures';
import { call } from './http';

async function ok(app: FastifyInstance, url: string, body: unknown, expected = 200) {
  const res = await call(app, 'POST', url, body);
  if (res.status !== expected) throw new Error(`POST ${url} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function newCase(app: FastifyInstance, overrides: Record<string, unknown> = {}): Promise<string> {
  const body = await ok(app, '/cases', caseRequest(overrides), 201);
  return body.id;
}

export async function consented(app: FastifyInstance, overrides: Record<string, unknown> = {}) {
  const id = await newCase(app, overrides);
  await ok(app, `/cases/${id}/consents`, { givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment', 'information_sharing'], givenOn: today() });
  return id;
}

export async function mapped(app: FastifyInstance, assessment = allMet) {
  const id = await consented(app);
  await ok(app, `/cases/${id}/kartlegging`, interview);
  await ok(app, `/cases/${id}/kartlegging/assessment`, assessment);
  return id;
}

export async function granted(app: FastifyInstance) {
  const id = await mapped(app);
  await ok(app, `/cases/${id}/decision`, { outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', decidedOn: today() });
  return id;
}

export async function refused(app: FastifyInstance) {
  const id = await mapped(app, { ...allMet, seriousCondition: { met: false, text: 'Ikke alvorlig nok.' } });
  await ok(app, `/cases/${id}/decision`, {
    outcome: 'refused',
    reasons: 'Vilkår b er ikke oppfylt.',
    offeredInstead: ['coordinated_services', 'ordinary_coordinator'],
    decidedOn: today(),
  });
  return id;
}

/** A unit and its coordinator; with a subject, the coordinator can sign in (tokenFor({ roles: ['coordinator'], sub })). */
export async function unitWithCoordinator(app: FastifyInstance, tag = Math.random().toString(36).slice(2), subject?: string) {
  const unit = await ok(app, '/units', { name: `Helsestasjon ${tag}`, sector: 'health' }, 201);
  const coordinator = await ok(app, '/coordinators', { unitId: unit.id, name: 'Kim Koordinator', email: `kim.${tag}@kommune.no`, subject }, 201);
  return { unitId: unit.id as string, coordinatorId: coordinator.id as string };
}

/** A granted case appointed to the given unit and coordinator. */
export async function appointed(app: FastifyInstance, who: { unitId: string; coordinatorId: string }) {
  const id = await granted(app);
  await ok(app, `/cases/${id}/appointment`, { ...who, appointedOn: today() });
  return id;
}
