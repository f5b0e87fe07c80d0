/**
 * What the workflow carries stays bounded: a case given 330 commands (several runs of the workflow, as it continues as new every 1 000 history events) with texts of the largest
 * length the API admits still accepts its closure, its state stays small, and the texts are all
 * kept in PostgreSQL and served in the case view.
 */
import { caseState, caseWorkflowId } from '../../workflows/case/messages';
import { appointed, unitWithCoordinator } from '../helpers/cases';
import { today } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { startServices, type Services } from '../helpers/services';

let s: Services;
beforeAll(async () => {
  s = await startServices();
}, 60_000);
afterAll(() => s.close());

/** The API's longest text (longText in api/schemas.ts). */
const MAX_TEXT = 10_000;
const text = (n: number) => `Begrunnelse ${n}: ${'æøå.'.repeat(MAX_TEXT)}`.slice(0, MAX_TEXT);

test('a case with 330 commands of maximum-length text keeps a small state and still accepts closure', async () => {
  const who = await unitWithCoordinator(s.app);
  const caseId = await appointed(s.app, who);
  const post = async (url: string, body: unknown) => {
    const res = await call(s.app, 'POST', url, body);
    if (res.status !== 200) throw new Error(`POST ${url} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  // Each complaint: received, forwarded to Statsforvalteren, upheld — two outcomes with full
  // texts. Ten complaints go at a time, so the case always has commands waiting for its lock.
  const LANES = 10;
  const COMPLAINTS = 110;
  let next = 0;
  const lane = async () => {
    while (next < COMPLAINTS) {
      const n = next++;
      const view = await post(`/cases/${caseId}/complaints`, { about: 'change_or_termination', receivedOn: today() });
      // The answer is the case as this command left it, so its last complaint is this one.
      const complaintId = view.complaints[view.complaints.length - 1].id;
      await post(`/cases/${caseId}/complaints/${complaintId}/outcome`, { outcome: 'forwarded_to_statsforvalteren', reasons: text(2 * n + 1), on: today() });
      await post(`/cases/${caseId}/complaints/${complaintId}/outcome`, { outcome: 'upheld_by_statsforvalteren', reasons: text(2 * n + 2), on: today() });
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  const complaints = COMPLAINTS;
  const commands = 3 * COMPLAINTS;
  // Far more text than Temporal's 2 MB payload limit went through the case…
  expect(complaints * 2 * MAX_TEXT).toBeGreaterThan(2_000_000);
  // …but the workflow's state holds none of it.
  const handle = s.client.workflow.getHandle(caseWorkflowId(caseId));
  const state = await handle.query(caseState);
  expect(JSON.stringify(state).length).toBeLessThan(300_000);
  // The commands outgrew one run: the run answering now continued an earlier one.
  const first = (await handle.fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes;
  expect(first?.continuedExecutionRunId).toBeTruthy();

  const closed = await post(`/cases/${caseId}/closure`, { reason: 'need_ended', on: today(), note: text(0) });
  expect(closed.status).toBe('closed');
  expect(closed.version).toBe(commands + 7);

  // The texts are kept, and the case view serves them.
  const read = await call(s.app, 'GET', `/cases/${caseId}`, undefined, { 'x-access-reason': 'kontroll av lagrede begrunnelser' });
  expect(read.status).toBe(200);
  expect(read.body.complaints).toHaveLength(complaints);
  // Compared by their head and length, so a failure does not print 10 000 characters.
  const brief = (t: string) => [t.slice(0, 20), t.length];
  const served = read.body.complaints.flatMap((c: { outcomes: { reasons: string }[] }) => c.outcomes.map((o) => brief(o.reasons)));
  const sent = Array.from({ length: 2 * complaints }, (_, i) => brief(text(i + 1)));
  const order = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
  expect([...served].sort(order)).toEqual([...sent].sort(order));
  expect(brief(read.body.closure.note)).toEqual(brief(text(0)));
  expect(read.body.decisions[0].reasons).toBe('Alle vilkår er oppfylt.');
  const { rows } = await s.pool.query('SELECT count(*)::int AS n FROM case_texts WHERE case_id = $1', [caseId]);
  expect(rows[0].n).toBe(complaints * 2 + 1);
}, 300_000);
