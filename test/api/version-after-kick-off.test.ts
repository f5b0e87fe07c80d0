/**
 * A command's answer carries the version the next command must send: the coordinator who holds
 * the kick-off and then establishes the ansvarsgruppe with the kick-off's ETag is not refused
 * with 412, also when the kick-off's reminder has fired before it.
 */
import { startServices, type Services } from '../helpers/services';
import { call, eventually } from '../helpers/http';
import { appointed, unitWithCoordinator } from '../helpers/cases';
import { today } from '../helpers/fixtures';

let s: Services;
beforeAll(async () => {
  // The kick-off is due a few seconds after the appointment, so its reminder fires in the test.
  s = await startServices({ policy: { kickOffDays: 0.00005 } });
});
afterAll(async () => {
  await s.close();
});

test('when the kick-off is recorded after its reminder fired, then the next command with the answer\'s ETag is taken', async () => {
  const who = await unitWithCoordinator(s.app);
  const id = await appointed(s.app, who);
  await eventually(async () => {
    const { rows } = await s.pool.query('SELECT 1 FROM reminders WHERE case_id = $1', [id]);
    return rows.length > 0 ? true : undefined;
  }, 30_000);
  const read = await call(s.app, 'GET', `/cases/${id}`);
  const kickOff = await call(s.app, 'POST', `/cases/${id}/kick-off`, { heldOn: today() }, { 'if-match': read.headers.etag as string });
  expect(kickOff.status).toBe(200);
  expect(kickOff.headers.etag).toBe(`"${kickOff.body.version}"`);
  const ansvarsgruppe = await call(s.app, 'POST', `/cases/${id}/ansvarsgruppe`, { intervalMonths: 3 }, { 'if-match': kickOff.headers.etag as string });
  expect({ status: ansvarsgruppe.status, detail: ansvarsgruppe.body.detail }).toEqual({ status: 200, detail: undefined });
});
