/**
 * Who may see and do what: every route's roles (allowed and refused), and the object-level
 * checks that keep a coordinator to their own cases.
 */
import { randomUUID } from 'node:crypto';
import { buildApp } from '../../api/app';
import { type Role } from '../../lib/auth';
import { bearer, testAuthSettings, type Who } from '../helpers/auth';
import { appointed, newCase, unitWithCoordinator } from '../helpers/cases';
import { call, eventually } from '../helpers/http';
import { logger, startServices, type Services } from '../helpers/services';
import { today } from '../helpers/fixtures';
import { callerAs } from '../helpers/access';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const as = (who: Who) => callerAs(() => s.app, who);
const ke = as({ roles: ['ke'] });
const leader = as({ roles: ['leader'] });

const K: Role[] = ['ke'];
const KC: Role[] = ['ke', 'coordinator'];
const KL: Role[] = ['ke', 'leader'];

/** Who may use each route: the specification the routes' access rules must match. */
const EXPECTED: Record<string, Role[] | 'public'> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  // Browser sign-in: each makes its own checks (test/api/session.test.ts).
  'GET /auth/login': 'public',
  'GET /auth/callback': 'public',
  'GET /auth/session': 'public',
  'POST /auth/logout': 'public',
  'GET /municipality': ['ke', 'coordinator', 'leader', 'admin'],
  'GET /me/language': ['ke', 'coordinator', 'leader', 'ops', 'admin'],
  'PUT /me/language': ['ke', 'coordinator', 'leader', 'ops', 'admin'],
  'GET /admin/municipality': ['admin'],
  'PUT /admin/municipality': ['admin'],
  'GET /admin/municipality/changes': ['admin'],
  'GET /ke/users': K,
  'PUT /ke/users/:subject': K,
  'DELETE /ke/users/:subject': K,
  'GET /metrics': ['ops'],
  'POST /codec/encode': ['ops', 'ke'],
  'POST /codec/decode': ['ops', 'ke'],
  'POST /cases': K,
  'GET /cases': KC,
  'GET /cases/:id': KC,
  'GET /cases/:id/events': KC,
  'GET /cases/:id/access-log': K,
  'GET /cases/:id/letters': KC,
  'GET /cases/:id/letters/:letterId': KC,
  'GET /cases/:id/letters/:letterId/delivery': KC,
  'POST /cases/:id/letters/:letterId/handed-over': K,
  'GET /cases/:id/contacts': K,
  'PUT /cases/:id/contacts': K,
  'GET /cases/:id/malform': KC,
  'GET /cases/:id/malform/changes': K,
  'PUT /cases/:id/malform': K,
  'POST /cases/:id/consents': K,
  'POST /cases/:id/consents/withdrawal': K,
  'POST /cases/:id/kartlegging/schedule': K,
  'POST /cases/:id/kartlegging': K,
  'POST /cases/:id/kartlegging/assessment': K,
  'POST /cases/:id/decision': K,
  'POST /cases/:id/decision/preview': K,
  'POST /cases/:id/complaints': K,
  'POST /cases/:id/complaints/:complaintId/outcome': K,
  'POST /cases/:id/appointment': K,
  'POST /cases/:id/kick-off': KC,
  'POST /cases/:id/ansvarsgruppe': KC,
  'POST /cases/:id/meetings': KC,
  'POST /cases/:id/meetings/:meetingId/move': KC,
  'POST /cases/:id/meetings/:meetingId/cancellation': KC,
  'POST /cases/:id/meetings/:meetingId/held': KC,
  'POST /cases/:id/meetings/:meetingId/minutes': KC,
  'GET /cases/:id/meetings/:meetingId/invitation.ics': KC,
  'POST /cases/:id/individual-plan': KC,
  'POST /cases/:id/birth': KC,
  'POST /cases/:id/tasks/:taskId/completion': KC,
  'POST /cases/:id/extension': K,
  'POST /cases/:id/closure': K,
  'POST /units': K,
  'GET /units': KL,
  'POST /coordinators': K,
  'GET /coordinators': KL,
  'GET /coordinators/:id': KL,
  'POST /coordinators/:id/absences': K,
  'POST /coordinators/:id/absences/preview': K,
  'GET /coordinators/:id/reminders': KC,
  'POST /coordinators/:id/reminders/:reminderKey/read': KC,
  'GET /ke/reminders': K,
  'POST /ke/reminders/:reminderKey/read': K,
  'GET /ke/worklist': K,
  'GET /ke/caseload': KL,
  'GET /ke/reports/yearly': KL,
};

const ROLES: Role[] = ['ke', 'coordinator', 'leader', 'ops', 'admin'];

describe('roles', () => {
  const routes = () => s.app.routeAccess.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !r.url.startsWith('/docs'));

  test('when the routes are listed, then every one has exactly the roles the specification gives it', () => {
    const actual = Object.fromEntries(routes().map((r) => [`${r.method} ${r.url}`, r.access === 'public' ? 'public' : [...r.access.roles].sort()]));
    const expected = Object.fromEntries(Object.entries(EXPECTED).map(([k, v]) => [k, v === 'public' ? v : [...v].sort()]));
    expect(actual).toEqual(expected);
  });

  test('when each role calls each endpoint, then the allowed get past authorisation and the others get 403; without a token, 401', async () => {
    const coordinator = await unitWithCoordinator(s.app, undefined, 'coord-roles');
    const caseId = await appointed(s.app, coordinator);
    const letterId = (await ke.get(`/cases/${caseId}/letters`)).body.letters[0].id;
    const fill = (url: string) =>
      url
        .replace(/^\/coordinators\/:id/, `/coordinators/${coordinator.coordinatorId}`)
        .replace(':id', caseId)
        .replace(':letterId', letterId)
        .replace(/:(meetingId|complaintId|taskId)/, randomUUID());
    const tokens: Record<Role, Who> = {
      ke: { roles: ['ke'] },
      coordinator: { roles: ['coordinator'], sub: 'coord-roles' },
      leader: { roles: ['leader'] },
      ops: { roles: ['ops'], municipality: null },
      admin: { roles: ['admin'] },
    };
    const wrong: string[] = [];
    for (const route of routes()) {
      const url = fill(route.url);
      const method = route.method as 'GET' | 'POST';
      // An empty body: allowed callers get a validation answer, never a change.
      const body = method === 'POST' ? {} : undefined;
      const anonymous = await call(s.app, method, url, body, { authorization: '' });
      // This app has no OpenID provider: its sign-in routes answer 404.
      const expectedAnonymous = route.access === 'public' ? (route.url.startsWith('/auth/') ? 404 : 200) : 401;
      if (anonymous.status !== expectedAnonymous) wrong.push(`${route.method} ${route.url} without token: ${anonymous.status}`);
      if (route.access === 'public') continue;
      for (const role of ROLES) {
        const res = await call(s.app, method, url, body, await bearer(tokens[role]));
        const allowed = route.access.roles.includes(role);
        if (allowed ? res.status === 401 || res.status === 403 : res.status !== 403) {
          wrong.push(`${route.method} ${route.url} as ${role}: ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  test('when a route is registered without an access rule, then the app refuses to start', async () => {
    await expect(
      buildApp({ logger, pool: s.pool, temporal: s.client, taskQueue: s.taskQueue, policy: s.policy, auth: await testAuthSettings() }).then(async (app) => {
        app.get('/open', async () => 'open');
        await app.ready();
      }),
    ).rejects.toThrow('route GET /open has no access rule');
  });
});

describe('coordinators see their own cases', () => {
  test("when a coordinator asks for another coordinator's case, then it is 404 as if it did not exist, and nothing changes", async () => {
    const a = await unitWithCoordinator(s.app, undefined, 'coord-a');
    await unitWithCoordinator(s.app, undefined, 'coord-b');
    const caseId = await appointed(s.app, a);
    const coordA = as({ roles: ['coordinator'], sub: 'coord-a' });
    const coordB = as({ roles: ['coordinator'], sub: 'coord-b' });

    expect((await coordA.get(`/cases/${caseId}`)).status).toBe(200);
    expect((await coordA.get('/cases?limit=500')).body.cases.map((c: { id: string }) => c.id)).toContain(caseId);
    const kickOff = await coordA.post(`/cases/${caseId}/kick-off`, { heldOn: today() });
    expect(kickOff.status).toBe(200);
    const version = kickOff.body.version;

    const missing = await coordB.get(`/cases/${randomUUID()}`);
    for (const url of [`/cases/${caseId}`, `/cases/${caseId}/events`, `/cases/${caseId}/letters`]) {
      const res = await coordB.get(url);
      expect(res.status).toBe(404);
      expect(res.body.type).toBe(missing.body.type);
    }
    expect((await coordB.post(`/cases/${caseId}/individual-plan`, { status: 'in_progress', on: today() })).status).toBe(404);
    expect((await coordB.get('/cases?limit=500')).body.cases.map((c: { id: string }) => c.id)).not.toContain(caseId);
    expect((await ke.get(`/cases/${caseId}`)).body.version).toBe(version);

    // The event log names the coordinator by the token's subject.
    const events = (await ke.get(`/cases/${caseId}/events`)).body.events;
    expect(events.at(-1)).toMatchObject({ type: 'KickOffHeld', actor: 'coord-a' });
  });

  test("when a coordinator gives one of KE's commands on their own case, then 403", async () => {
    const a = await unitWithCoordinator(s.app, undefined, 'coord-c');
    const caseId = await appointed(s.app, a);
    const coord = as({ roles: ['coordinator'], sub: 'coord-c' });
    expect((await coord.post(`/cases/${caseId}/closure`, { reason: 'need_ended', on: today() })).status).toBe(403);
    expect((await coord.post('/cases', {})).status).toBe(403);
    expect((await ke.get(`/cases/${caseId}`)).body.status).toBe('appointed');
  });

  test("when a coordinator's token is not linked to the registry, then they see no case", async () => {
    const a = await unitWithCoordinator(s.app);
    const caseId = await appointed(s.app, a);
    const ghost = as({ roles: ['coordinator'], sub: 'not-in-registry' });
    expect((await ghost.get('/cases')).body.cases).toEqual([]);
    expect((await ghost.get(`/cases/${caseId}`)).status).toBe(404);
  });

  test('when a coordinator is on leave with a substitute, then the substitute sees the case while the leave lasts', async () => {
    const a = await unitWithCoordinator(s.app, undefined, 'coord-leave');
    const b = await unitWithCoordinator(s.app, undefined, 'coord-sub');
    const caseId = await appointed(s.app, a);
    const sub = as({ roles: ['coordinator'], sub: 'coord-sub' });
    expect((await sub.get(`/cases/${caseId}`)).status).toBe(404);
    const leave = await ke.post(`/coordinators/${a.coordinatorId}/absences`, { kind: 'leave', from: today(), substituteId: b.coordinatorId });
    expect(leave.status).toBe(202);
    const seen = await eventually(async () => {
      const res = await sub.get(`/cases/${caseId}`);
      return res.status === 200 ? res : undefined;
    });
    // The substitute sees the case because of this leave: the case names it, with them as substitute.
    expect(seen.body).toMatchObject({ id: caseId, absence: { kind: 'leave', coordinatorId: a.coordinatorId, substituteId: b.coordinatorId } });
    expect((await sub.get('/cases?limit=500')).body.cases.map((c: { id: string }) => c.id)).toContain(caseId);
  });

  test("when a coordinator reads reminders, then only their own inbox; another's is 404", async () => {
    const a = await unitWithCoordinator(s.app, undefined, 'coord-inbox-a');
    const b = await unitWithCoordinator(s.app, undefined, 'coord-inbox-b');
    const coordA = as({ roles: ['coordinator'], sub: 'coord-inbox-a' });
    expect((await coordA.get(`/coordinators/${a.coordinatorId}/reminders`)).status).toBe(200);
    expect((await coordA.get(`/coordinators/${b.coordinatorId}/reminders`)).status).toBe(404);
    expect((await ke.get(`/coordinators/${b.coordinatorId}/reminders`)).status).toBe(200);
  });

  test('when a leader reads, then caseloads and the report, never a case', async () => {
    const caseId = await newCase(s.app);
    expect((await leader.get('/ke/caseload')).status).toBe(200);
    expect((await leader.get(`/ke/reports/yearly?year=${new Date().getUTCFullYear()}`)).status).toBe(200);
    expect((await leader.get(`/cases/${caseId}`)).status).toBe(403);
    expect((await leader.get('/cases')).status).toBe(403);
  });
});
