/** A case survives its worker going away mid-process: nothing lost, nothing doubled. */
import { startServices, testEnv, type Services } from '../helpers/services';
import { allMet, interview, today } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { consented, unitWithCoordinator } from '../helpers/cases';
import { caseWorkflowId, caseState, searchAttributes } from '../../workflows/case/messages';
import { recordHistory } from '../helpers/histories';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

test('when the worker stops in the middle of the process and a new one starts, then the case goes on with every step recorded once', async () => {
  const id = await consented(s.app);
  const { unitId, coordinatorId } = await unitWithCoordinator(s.app);

  await s.stopWorker();
  // Sent while no worker runs: the command waits for one instead of failing.
  const pending = call(s.app, 'POST', `/cases/${id}/kartlegging`, interview);
  await new Promise((r) => setTimeout(r, 1000));
  await s.startWorker();
  expect((await pending).status).toBe(200);

  expect((await call(s.app, 'POST', `/cases/${id}/kartlegging/assessment`, allMet)).status).toBe(200);
  await s.stopWorker();
  await s.startWorker();
  expect((await call(s.app, 'POST', `/cases/${id}/decision`, { outcome: 'granted', reasons: 'Oppfylt.', decidedOn: today() })).status).toBe(200);
  const appointed = await call(s.app, 'POST', `/cases/${id}/appointment`, { unitId, coordinatorId, appointedOn: today() });
  expect(appointed.body.status).toBe('appointed');

  const events = (await call(s.app, 'GET', `/cases/${id}/events`)).body.events;
  expect(events.map((e: { type: string }) => e.type)).toEqual([
    'RequestRegistered',
    'ConsentRecorded',
    'KartleggingHeld',
    'AssessmentRecorded',
    'DecisionRecorded',
    'CoordinatorAppointed',
  ]);
  const letters = await s.pool.query('SELECT count(*)::int AS n FROM letters WHERE case_id = $1', [id]);
  // The decision letter and the appointment letter, each once.
  expect(letters.rows[0].n).toBe(2);

  const handle = s.client.workflow.getHandle(caseWorkflowId(id));
  expect((await handle.query(caseState))!.version).toBe(6);
  recordHistory(testEnv().temporalAddress, caseWorkflowId(id), (await handle.describe()).runId, 'case-request-to-appointment');
  const projection = await s.pool.query('SELECT version, status FROM cases WHERE id = $1', [id]);
  expect(projection.rows[0]).toEqual({ version: 6, status: 'appointed' });
});

test('when a case changes, then its search attributes follow, and neither they nor the workflow id carry personal data', async () => {
  const id = await consented(s.app, { child: { name: 'Synnøve Sporbar', nationalId: '12345678901', birthDate: '2019-04-04' } });
  const handle = s.client.workflow.getHandle(caseWorkflowId(id));
  const description = await handle.describe();
  expect(description.workflowId).toBe(`case-${id}`);
  expect(description.typedSearchAttributes.get(searchAttributes.status)).toBe('kartlegging');
  expect(description.typedSearchAttributes.get(searchAttributes.nextDeadline)).toBeInstanceOf(Date);
  const visible = JSON.stringify({ id: description.workflowId, sa: description.searchAttributes, memo: description.memo ?? null });
  for (const secret of ['Synnøve', 'Sporbar', '12345678901', '2019-04-04']) expect(visible).not.toContain(secret);
});
