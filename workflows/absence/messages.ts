/** The contract of the absence fan-out workflow. */
import type { RecordAbsence } from '../case/commands';

export const ABSENCE_WORKFLOW_TYPE = 'absenceFanOutWorkflow';

export function absenceWorkflowId(absenceId: string): string {
  return `absence-${absenceId}`;
}

/** The absence as each case receives it, and who recorded it. */
export type AbsenceInput = Omit<RecordAbsence, 'type'> & { actor: string; requestId?: string };
