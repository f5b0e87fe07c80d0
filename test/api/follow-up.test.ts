/** Follow-up after appointment, handover and closure, through HTTP on real Temporal and Postgres. */
import { startServices, testEnv, type Services } from '../helpers/services';
import { recordHistory } from '../helpers/histories';
import { dateFromNow, today, yearsAgo } from '../helpers/fixtures';
import { call, eventually } from '../helpers/http';
import { bearer } from '../helpers/auth';
import { granted, newCase, unitWithCoordinator } from '../helpers/cases';
import { caseState, caseWorkflowId } from '../../workflows/case/messages';
import { birthdayAt } from '../../workflows/case/dates';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const post = (url: string, body: unknown = {}) => call(s.app, 'POST', url, body);
const record = async (id: string, name: string) =>
  recordHistory(testEnv().temporalAddress, caseWorkflowId(id), (await s.client.workflow.getHandle(caseWorkflowId(id)).describe()).runId, name);
// Some cases here end closed, and reading a closed case needs a stated reason.
const READ = { 'x-access-reason': 'oppfølging i test' };
const get = (url: string) => call(s.app, 'GET', url, undefined, READ);
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function appointedCase(coordinator?: { unitId: string; coordinatorId: string }) {
  const id = await granted(s.app);
  const who = coordinator ?? (await unitWithCoordinator(s.app));
  const res = await post(`/cases/${id}/appointment`, { ...who, appointedOn: today() });
  expect(res.status).toBe(200);
  return { id, ...who };
}

describe('follow-up', () => {
  test('when the oppstartsamtale is recorded, then its deadline is gone', async () => {
    const { id } = await appointedCase();
    const res = await post(`/cases/${id}/kick-off`, { heldOn: today() });
    expect(res.status).toBe(200);
    expect(res.body.followUp.kickOffHeldOn).toBe(today());
    expect(res.body.deadlines.map((d: { kind: string }) => d.kind)).not.toContain('kick_off');
  });

  test('when an ansvarsgruppe runs, then meetings are planned, moved, cancelled, held and minuted in rhythm', async () => {
    const { id, coordinatorId } = await appointedCase();
    const established = await post(`/cases/${id}/ansvarsgruppe`, { intervalMonths: 2, firstMeetingAt: daysFromNow(10) });
    expect(established.status).toBe(200);
    const [first] = established.body.followUp.meetings;
    expect(established.body.deadlines).toContainEqual(expect.objectContaining({ kind: 'meeting', dueAt: first.at, responsible: `coordinator:${coordinatorId}` }));
    expect((await post(`/cases/${id}/ansvarsgruppe`, {})).status).toBe(409);

    const moved = await post(`/cases/${id}/meetings/${first.id}/move`, { at: daysFromNow(12) });
    expect(moved.body.followUp.meetings[0].at).toBe(daysFromNow(12).slice(0, 10) + moved.body.followUp.meetings[0].at.slice(10));

    const cancelled = await post(`/cases/${id}/meetings/${first.id}/cancellation`);
    expect(cancelled.body.followUp.meetings.map((m: { status: string }) => m.status)).toEqual(['cancelled', 'planned']);
    const second = cancelled.body.followUp.meetings[1];

    const early = await post(`/cases/${id}/meetings/${second.id}/minutes`, { writtenOn: today() });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/is planned, not held/);

    const held = await post(`/cases/${id}/meetings/${second.id}/held`, { heldOn: today() });
    expect(held.body.followUp.meetings.map((m: { status: string }) => m.status)).toEqual(['cancelled', 'held', 'planned']);
    expect(held.body.deadlines.map((d: { kind: string }) => d.kind)).toContain('minutes');
    const minuted = await post(`/cases/${id}/meetings/${second.id}/minutes`, { writtenOn: today() });
    await record(id, 'case-ansvarsgruppe-meetings');
    expect(minuted.body.deadlines.map((d: { kind: string }) => d.kind)).not.toContain('minutes');
    expect((await post(`/cases/${id}/meetings/${second.id}/minutes`, { writtenOn: today() })).status).toBe(409);
  });

  test('when consent to share information is missing or withdrawn, then there is no ansvarsgruppe', async () => {
    const { id } = await appointedCase();
    await post(`/cases/${id}/ansvarsgruppe`, {});
    const withdrawn = await post(`/cases/${id}/consents/withdrawal`, { scopes: ['information_sharing'], withdrawnBy: 'Per', on: today() });
    expect(withdrawn.body.followUp.ansvarsgruppe).toBeUndefined();
    expect(withdrawn.body.followUp.meetings.every((m: { status: string }) => m.status === 'cancelled')).toBe(true);
    const again = await post(`/cases/${id}/ansvarsgruppe`, {});
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('an ansvarsgruppe requires consent to sharing information');
  });

  test('when the individuell plan moves on, then only forward steps are allowed and an evaluation is due yearly', async () => {
    const { id } = await appointedCase();
    expect((await post(`/cases/${id}/individual-plan`, { status: 'evaluated', on: today() })).status).toBe(409);
    const active = await post(`/cases/${id}/individual-plan`, { status: 'active', on: today() });
    expect(active.body.followUp.individualPlan.status).toBe('active');
    expect(active.body.deadlines.map((d: { kind: string }) => d.kind)).toContain('plan_evaluation');
    const evaluated = await post(`/cases/${id}/individual-plan`, { status: 'evaluated', on: today() });
    expect(evaluated.body.followUp.individualPlan.lastEvaluatedOn).toBe(today());
  });

  test('when an unborn child is born, then the birth is registered once and the age-based timers start', async () => {
    const id = await newCase(s.app, { child: { name: 'Ufødt', expectedDate: dateFromNow(5) } });
    const before = (await get(`/cases/${id}`)).body;
    expect(before.deadlines.map((d: { kind: string }) => d.kind)).toContain('birth');
    expect((await post(`/cases/${id}/birth`, { birthDate: dateFromNow(1) })).status).toBe(409);
    const born = await post(`/cases/${id}/birth`, { birthDate: today() });
    expect(born.body.request.child.birthDate).toBe(today());
    expect(born.body.deadlines.map((d: { kind: string }) => d.kind)).not.toContain('birth');
    expect((await post(`/cases/${id}/birth`, { birthDate: today() })).status).toBe(409);
  });
});

describe('coordinator handover', () => {
  test('when a coordinator goes on leave with a substitute, then every open case routes to the substitute and owes the family a message', async () => {
    const a = await unitWithCoordinator(s.app);
    const sub = await unitWithCoordinator(s.app);
    const cases = [await appointedCase(a), await appointedCase(a), await appointedCase(a)];
    const res = await post(`/coordinators/${a.coordinatorId}/absences`, { kind: 'leave', from: today(), until: dateFromNow(30), substituteId: sub.coordinatorId });
    expect(res.status).toBe(202);
    expect(res.body.openCases).toBe(3);
    const fannedOut = await eventually(async () => {
      const row = (await s.pool.query('SELECT cases_signalled, fanned_out_at FROM absences WHERE id = $1', [res.body.absenceId])).rows[0];
      return row.fanned_out_at ? row : undefined;
    });
    expect(fannedOut).toEqual({ cases_signalled: 3, fanned_out_at: expect.any(Date) });
    for (const c of cases) {
      // The fan-out has delivered its signals; each case records the absence in its own time.
      const view = await eventually(async () => {
        const v = (await get(`/cases/${c.id}`)).body;
        return v.absence ? v : undefined;
      });
      expect(view.absence).toMatchObject({ id: res.body.absenceId, kind: 'leave', substituteId: sub.coordinatorId });
      expect(view.tasks.map((t: { kind: string }) => t.kind)).toEqual(['inform_family', 'inform_collaborators']);
      expect(view.deadlines.find((d: { kind: string }) => d.kind === 'kick_off').responsible).toBe(`coordinator:${sub.coordinatorId}`);
      const events = (await get(`/cases/${c.id}/events`)).body.events;
      expect(events.filter((e: { type: string }) => e.type === 'CoordinatorAbsent')).toHaveLength(1);
    }
    const task = (await get(`/cases/${cases[0].id}`)).body.tasks[0];
    const done = await post(`/cases/${cases[0].id}/tasks/${task.id}/completion`, { doneOn: today() });
    expect(done.body.tasks[0].doneOn).toBe(today());
    expect((await post(`/cases/${cases[0].id}/tasks/${task.id}/completion`, { doneOn: today() })).status).toBe(409);
  });

  test('when a coordinator leaves, then KE must reassign, and the new appointment owes the collaborators a message', async () => {
    const a = await unitWithCoordinator(s.app);
    const { id, unitId } = await appointedCase(a);
    const res = await post(`/coordinators/${a.coordinatorId}/absences`, { kind: 'departure', from: today() });
    expect(res.status).toBe(202);
    const view = await eventually(async () => {
      const v = (await get(`/cases/${id}`)).body;
      return v.absence ? v : undefined;
    });
    expect(view.deadlines.find((d: { kind: string }) => d.kind === 'reassignment').responsible).toBe('ke');
    expect(view.deadlines.find((d: { kind: string }) => d.kind === 'kick_off').responsible).toBe('ke');

    const other = await call(s.app, 'POST', '/coordinators', { unitId, name: 'Ny Koordinator', email: `ny.${Date.now()}@kommune.no` });
    const changed = await post(`/cases/${id}/appointment`, { unitId, coordinatorId: other.body.id, appointedOn: today() });
    expect(changed.status).toBe(200);
    expect(changed.body.absence).toBeUndefined();
    expect(changed.body.appointment.coordinatorId).toBe(other.body.id);
    // Each change tells both (law-coordinator-change-tells-all): the departure, then the new appointment.
    expect(changed.body.tasks.map((t: { kind: string }) => t.kind)).toEqual(['inform_family', 'inform_collaborators', 'inform_collaborators', 'inform_family']);
    const list = (await get(`/cases?coordinatorId=${other.body.id}`)).body.cases;
    expect(list.map((c: { id: string }) => c.id)).toEqual([id]);
  });

  test('when a leave has ended, then the case returns to its coordinator by itself', async () => {
    const a = await unitWithCoordinator(s.app);
    const { id } = await appointedCase(a);
    await post(`/coordinators/${a.coordinatorId}/absences`, { kind: 'leave', from: dateFromNow(-10), until: dateFromNow(-1) });
    const events = await eventually(async () => {
      const e = (await get(`/cases/${id}/events`)).body.events.map((x: { type: string }) => x.type);
      return e.includes('LeaveEnded') ? e : undefined;
    });
    expect(events.slice(-2)).toEqual(['CoordinatorAbsent', 'LeaveEnded']);
    expect((await get(`/cases/${id}`)).body.absence).toBeUndefined();
    await record(id, 'case-leave-and-return');
  });

  test('when an absence is malformed or names unknown people, then it is refused', async () => {
    const a = await unitWithCoordinator(s.app);
    expect((await post(`/coordinators/${a.coordinatorId}/absences`, { kind: 'departure', from: today(), until: today() })).status).toBe(400);
    expect((await post(`/coordinators/${a.coordinatorId}/absences`, { kind: 'leave', from: today(), until: dateFromNow(-3) })).status).toBe(400);
    expect((await post(`/coordinators/${a.coordinatorId}/absences`, { kind: 'leave', from: today(), substituteId: a.coordinatorId })).status).toBe(400);
    expect((await post('/coordinators/00000000-0000-4000-8000-000000000005/absences', { kind: 'departure', from: today() })).status).toBe(404);
  });
});

describe('extension and closure', () => {
  test('when KE extends a case, then only a later age up to 25 is accepted', async () => {
    const { id } = await appointedCase();
    expect((await post(`/cases/${id}/extension`, { toAge: 26 })).status).toBe(400);
    const ok = await post(`/cases/${id}/extension`, { toAge: 23 });
    expect(ok.body.extendedToAge).toBe(23);
    const lower = await post(`/cases/${id}/extension`, { toAge: 20 });
    expect(lower.status).toBe(409);
    expect(lower.body.detail).toMatch(/beyond age 23/);
  });

  test('when KE closes a case with a reason, then a letter is written, the case is closed and its workflow completes', async () => {
    const { id } = await appointedCase();
    const closed = await post(`/cases/${id}/closure`, { reason: 'moved_away', on: today() });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const letters = (await get(`/cases/${id}/letters`)).body.letters;
    expect(letters.map((l: { kind: string }) => l.kind)).toEqual(['decision', 'appointment', 'closure']);
    const html = await s.app.inject({ method: 'GET', url: `/cases/${id}/letters/${letters[2].id}`, headers: { ...(await bearer()), ...READ } });
    expect(html.body).toContain('Avslutning av barnekoordinator');
    expect(html.body).toContain('flyttet');
    const after = await post(`/cases/${id}/kick-off`, { heldOn: today() });
    expect(after.status).toBe(409);
    expect(after.body.detail).toBe('the case is closed');
    // The workflow stays for complaints about the closure (rule law-complaint-after-closure), and takes nothing else.
    const handle = s.client.workflow.getHandle(caseWorkflowId(id));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect((await handle.query(caseState))?.status).toBe('closed');
    await record(id, 'case-closed-by-ke');
  });

  test('when the child turns 18, then the case closes by itself with a letter about an ordinary coordinator', async () => {
    // Received yesterday, at 17; the 18th birthday is today, whatever the day of the month.
    const birthDate = yearsAgo(18);
    const id = await newCase(s.app, { child: { name: 'Atten År', birthDate }, receivedOn: dateFromNow(-1) });
    const view = await eventually(async () => {
      const v = (await get(`/cases/${id}`)).body;
      return v.status === 'closed' ? v : undefined;
    });
    expect(view.closure).toMatchObject({ reason: 'age_limit', on: birthdayAt(birthDate, 18) });
    const letters = (await get(`/cases/${id}/letters`)).body.letters;
    const html = await s.app.inject({ method: 'GET', url: `/cases/${id}/letters/${letters[0].id}`, headers: { ...(await bearer()), ...READ } });
    expect(html.body).toContain('alminnelig koordinator');
    const events = (await get(`/cases/${id}/events`)).body.events;
    expect(events.at(-1)).toMatchObject({ type: 'CaseClosed', actor: 'system' });
  });
});
