/**
 * Rule law-complaint-after-closure on the time-skipping test server: a closed case's workflow
 * waits a year for complaints about the closure, and longer while one awaits its outcome; then it
 * completes. Through the HTTP API, with the real worker and Postgres.
 */
import type { FastifyInstance } from 'fastify';
import { addDaysToDate, addMonthsToDate, osloDateOf } from '../../workflows/case/dates';
import { caseWorkflowId } from '../../workflows/case/messages';
import { call } from '../helpers/http';
import { startTimeSkippingService, type TimeSkipping, type TimeSkippingService } from '../helpers/time-skipping';

jest.setTimeout(120_000);

let service: TimeSkippingService;
let ts: TimeSkipping;
let app: FastifyInstance;

beforeAll(async () => {
  service = await startTimeSkippingService('complaint-window');
  ({ ts, app } = service);
});

afterAll(() => service?.stop());

const DAY = 86_400_000;
const post = (url: string, body: unknown) => call(app, 'POST', url, body, { 'x-access-reason': 'klagefristtest' });
const today = async () => osloDateOf(new Date(await ts.env.currentTimeMs()));

/** A case KE has closed today (the family moved), and its workflow handle. */
async function closedCase() {
  const start = await today();
  const created = await post('/cases', {
    child: { name: 'Klage Testbarn', birthDate: addDaysToDate(start, -3000) },
    consenters: [{ name: 'Far Test', role: 'parent' }],
    channel: 'written',
    reasons: 'Sammensatte behov.',
    receivedOn: start,
  });
  const id: string = created.body.id;
  expect((await post(`/cases/${id}/closure`, { reason: 'moved_away', on: start })).body.status).toBe('closed');
  return { id, closedOn: start, handle: ts.env.client.workflow.getHandle(caseWorkflowId(id)) };
}

test('when no one complains about the closure, then the workflow completes a year after it, and a complaint is then refused as on any closed case', async () => {
  const { id, closedOn, handle } = await closedCase();
  expect((await handle.describe()).status.name).toBe('RUNNING');
  const result = await handle.result();
  expect(result?.status).toBe('closed');
  // It completed at the start of the day after the year from the closure, not before (the
  // server's clock runs on after that, so the run's close time is what tells).
  const { closeTime } = await handle.describe();
  const dayAfterTheYear = addDaysToDate(addMonthsToDate(closedOn, 12), 1);
  expect(osloDateOf(closeTime!)).toBe(dayAfterTheYear);
  const late = await post(`/cases/${id}/complaints`, { about: 'change_or_termination', receivedOn: dayAfterTheYear });
  expect(late.status).toBe(409);
  expect(late.body.detail).toBe('the case is closed');
});

test('when a complaint about the closure is pending at the end of the year, then the workflow waits for its outcome, and completes once Statsforvalteren has upheld it', async () => {
  const { id, closedOn, handle } = await closedCase();
  const complained = await post(`/cases/${id}/complaints`, { about: 'change_or_termination', receivedOn: closedOn });
  expect(complained.status).toBe(200);
  const complaintId: string = complained.body.complaints[0].id;
  await ts.env.sleep(400 * DAY);
  expect((await handle.describe()).status.name).toBe('RUNNING');
  const forwarded = await post(`/cases/${id}/complaints/${complaintId}/outcome`, { outcome: 'forwarded_to_statsforvalteren', reasons: 'Sendt videre.', on: await today() });
  expect(forwarded.status).toBe(200);
  expect((await handle.describe()).status.name).toBe('RUNNING');
  const upheld = await post(`/cases/${id}/complaints/${complaintId}/outcome`, { outcome: 'upheld_by_statsforvalteren', reasons: 'Stadfestet.', on: await today() });
  expect(upheld.status).toBe(200);
  const result = await handle.result();
  expect(result).toMatchObject({ status: 'closed', closure: { reason: 'moved_away' } });
  expect(result?.complaints.map((c: { status: string }) => c.status)).toEqual(['upheld']);
});
