/** Every committed history replays against today's workflow code without non-determinism. */
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORIES_DIR } from '../helpers/histories';
import { quietRuntime, testEnv, testPayloadKeys } from '../helpers/services';
import { dataConverterFor } from '../../lib/codec';
import { SHARED_WORKFLOW_MODULES } from '../../worker/worker';

const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));

beforeAll(() => quietRuntime());

test('when the committed histories are replayed, then there are some, and each replays cleanly', async () => {
  expect(files.length).toBeGreaterThanOrEqual(1);
  for (const file of files) {
    const history = historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { codePath: testEnv().bundlePath }, dataConverter: dataConverterFor(testPayloadKeys()) },
        history,
        file.replace(/\.json$/, ''),
      ),
    ).resolves.toBeUndefined();
  }
});

test('when the histories are replayed one after another in a worker that shares the domain modules, as production bundles them, then each replays cleanly', async () => {
  const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), preloadModules: SHARED_WORKFLOW_MODULES, logger: quiet });
  const histories = files.map((file) => ({ workflowId: file, history: historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8'))) }));
  const failed: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle, dataConverter: dataConverterFor(testPayloadKeys()) }, histories)) {
    if (result.error) failed.push(`${result.workflowId}: ${String(result.error)}`);
  }
  expect(failed).toEqual([]);
}, 60_000);

// A negative control: the replay above must be able to fail. One event of a copy of a real
// history is changed in memory (the file stays as it is), and the replay must then refuse it.
interface HistoryEvent {
  eventType: string;
  activityTaskScheduledEventAttributes?: { activityId: string; activityType: { name: string } };
}

const tamperings: [string, (events: HistoryEvent[]) => string][] = [
  [
    'the first scheduled activity has another activity type',
    (events) => {
      const scheduled = events.find((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')!.activityTaskScheduledEventAttributes!;
      const before = scheduled.activityType.name;
      scheduled.activityType.name = 'recordAlert';
      return before;
    },
  ],
  [
    'the first scheduled activity has another activity id',
    (events) => {
      const scheduled = events.find((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')!.activityTaskScheduledEventAttributes!;
      const before = scheduled.activityId;
      scheduled.activityId = '99';
      return before;
    },
  ],
];

test.each(tamperings)('when a recorded history is tampered with (%s), then its replay fails with a DeterminismViolationError', async (_what, tamper) => {
  const file = 'case-request-to-appointment.json';
  const json = JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')) as { events: HistoryEvent[] };
  const replay = (events: HistoryEvent[]) =>
    Worker.runReplayHistory(
      { workflowBundle: { codePath: testEnv().bundlePath }, dataConverter: dataConverterFor(testPayloadKeys()) },
      historyFromJSON({ ...json, events }),
      `tampered-${file}`,
    );
  const copy = structuredClone(json.events);
  const original = tamper(copy);
  // The tampering changed a value the history really had: persistCase, activity 1.
  expect(original).toMatch(/^(persistCase|1)$/);
  expect(copy).not.toEqual(json.events);
  const failure = await replay(copy).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(failure).toBeInstanceOf(DeterminismViolationError);
  expect((failure as Error).message).toMatch(/nondeterminism/i);
});
