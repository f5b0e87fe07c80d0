/**
 * No single command can wedge a case: a write the database refuses for good fails that command
 * (the caller gets an error) and the case takes the next command as if it had never come. And a
 * command sent straight to Temporal, past the API's checks, cannot appoint another
 * municipality's unit or coordinator: the workflow's own write checks them.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { caseState, caseWorkflowId, commandUpdates, CaseErrorType } from '../../workflows/case/messages';
import { bearer, OTHER_MUNICIPALITY } from '../helpers/auth';
import { appointed, granted, unitWithCoordinator } from '../helpers/cases';
import { today } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { startServices, type Services } from '../helpers/services';

let s: Services;
beforeAll(async () => {
  s = await startServices();
}, 60_000);
afterAll(() => s.close());

async function refusal(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

async function record(caseId: string) {
  const { rows: events } = await s.pool.query('SELECT seq, type FROM case_events WHERE case_id = $1 ORDER BY seq', [caseId]);
  const { rows: letters } = await s.pool.query('SELECT id FROM letters WHERE case_id = $1', [caseId]);
  const { rows: projected } = await s.pool.query('SELECT version, status FROM cases WHERE id = $1', [caseId]);
  const view = await s.client.workflow.getHandle(caseWorkflowId(caseId)).query(caseState);
  return { events, letters: letters.length, projected: projected[0], version: view!.version, status: view!.status };
}

test('a write the database refuses for good fails the command at once, and the case takes the next one', async () => {
  const who = await unitWithCoordinator(s.app);
  const caseId = await appointed(s.app, who);
  const before = await record(caseId);
  const handle = s.client.workflow.getHandle(caseWorkflowId(caseId));
  // A NUL character passes the workflow's rules but no PostgreSQL text or jsonb column takes it.
  // The API refuses it at the edge; sent straight to Temporal it reaches the write.
  const started = Date.now();
  const cause = await refusal(
    handle.executeUpdate(commandUpdates.closeCase, { args: [{ actor: 'ke-tester', command: { reason: 'other', on: today(), note: 'slutt \u0000 her' } }] }),
  );
  expect(cause.type).toBe(CaseErrorType.Unrecordable);
  expect(cause.message).toMatch(/could not be recorded.*SQLSTATE/);
  // Refused on the first attempt, not after retrying for ever.
  expect(Date.now() - started).toBeLessThan(10_000);
  // Nothing of the refused closure is anywhere: no event, no letter, the case still appointed.
  expect(await record(caseId)).toEqual(before);
  expect(before.status).toBe('appointed');

  // The case is not wedged: the next command through the API is applied, at the next version.
  const next = await call(s.app, 'POST', `/cases/${caseId}/kick-off`, { heldOn: today() });
  expect(next.status).toBe(200);
  expect(next.body.version).toBe(before.version + 1);
  const closed = await call(s.app, 'POST', `/cases/${caseId}/closure`, { reason: 'other', on: today(), note: 'slutt her' });
  expect(closed.status).toBe(200);
  expect(closed.body.status).toBe('closed');
});

test("a command sent straight to Temporal cannot appoint another municipality's coordinator", async () => {
  const other = await bearer({ municipality: OTHER_MUNICIPALITY });
  const unit = await call(s.app, 'POST', '/units', { name: `Annen kommune ${Date.now()}`, sector: 'health' }, other);
  expect(unit.status).toBe(201);
  const coordinator = await call(s.app, 'POST', '/coordinators', { unitId: unit.body.id, name: 'Ola Annensted', email: `ola.${Date.now()}@annen.no` }, other);
  expect(coordinator.status).toBe(201);

  const caseId = await granted(s.app);
  const before = await record(caseId);
  const handle = s.client.workflow.getHandle(caseWorkflowId(caseId));
  const cause = await refusal(
    handle.executeUpdate(commandUpdates.appoint, {
      args: [{ actor: 'forged-actor', command: { unitId: unit.body.id, coordinatorId: coordinator.body.id, appointedOn: today() } }],
    }),
  );
  expect(cause.type).toBe(CaseErrorType.ForeignReference);
  expect(await record(caseId)).toEqual(before);

  // The case's own municipality's coordinator is appointed as usual.
  const own = await unitWithCoordinator(s.app);
  const res = await call(s.app, 'POST', `/cases/${caseId}/appointment`, { ...own, appointedOn: today() });
  expect(res.status).toBe(200);
  expect(res.body.appointment.coordinatorId).toBe(own.coordinatorId);
});
