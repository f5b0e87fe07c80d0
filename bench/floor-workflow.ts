/**
 * The smallest workflow that answers an update the way a case command does: the update runs one
 * activity that does nothing, then returns. The benchmark times it to show the floor Temporal's
 * round trips put under a command (update → workflow task → activity → workflow task → answer),
 * apart from anything the case workflow, the codec or PostgreSQL add.
 */
import { condition, defineUpdate, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';

export interface FloorActivities {
  noop(): Promise<void>;
}

const { noop } = proxyActivities<FloorActivities>({ startToCloseTimeout: '10 seconds' });
const local = proxyLocalActivities<FloorActivities>({ startToCloseTimeout: '10 seconds' });

/** How the update does its one step: as an activity, as a local activity, or not at all. */
export type FloorMode = 'activity' | 'local' | 'none';

export const floorUpdate = defineUpdate<number, [FloorMode]>('floor');
export const stopUpdate = defineUpdate<void>('stop');

export async function floorWorkflow(): Promise<void> {
  let answered = 0;
  let stop = false;
  setHandler(floorUpdate, async (mode) => {
    if (mode === 'activity') await noop();
    else if (mode === 'local') await local.noop();
    return ++answered;
  });
  setHandler(stopUpdate, () => {
    stop = true;
  });
  await condition(() => stop);
}
