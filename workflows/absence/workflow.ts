/**
 * A coordinator's leave or departure reaches every open case of theirs as a signal. The list of
 * cases is read once, by an activity, and kept in history: after a crash the fan-out resumes
 * where it was, and each case ignores an absence it has already recorded, so no case is left
 * out and none is handled twice.
 */
import { getExternalWorkflowHandle, log, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import { caseWorkflowId, coordinatorAbsent } from '../case/messages';
import type { AbsenceInput } from './messages';

const dbRead = { startToCloseTimeout: '30s', retry: { initialInterval: '200ms', maximumInterval: '10s' } } as const;
const db = proxyActivities<ReturnType<typeof createActivities>>(dbRead);

/** Signals in groups, so a coordinator with many cases does not flood one workflow task. */
const BATCH = 20;

export async function absenceFanOutWorkflow(input: AbsenceInput): Promise<number> {
  const caseIds = await db.openCasesOf(input.coordinatorId);
  const { actor, requestId, absenceId, coordinatorId, kind, from, until, substituteId } = input;
  const envelope = { actor, requestId, command: { absenceId, coordinatorId, kind, from, until, substituteId } };
  let signalled = 0;
  for (let i = 0; i < caseIds.length; i += BATCH) {
    const batch = caseIds.slice(i, i + BATCH);
    const results = await Promise.allSettled(batch.map((id) => getExternalWorkflowHandle(caseWorkflowId(id)).signal(coordinatorAbsent, envelope)));
    results.forEach((r, j) => {
      if (r.status === 'fulfilled') signalled++;
      // A case closed since the list was read has no running workflow to tell.
      else log.warn('case not signalled', { caseId: batch[j] });
    });
  }
  await db.markAbsenceFannedOut({ absenceId, casesSignalled: signalled });
  return signalled;
}
