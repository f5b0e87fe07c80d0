/** The contract of the absence fan-out workflow. */
export const ABSENCE_WORKFLOW_TYPE = 'absenceFanOutWorkflow';

export function absenceWorkflowId(absenceId: string): string {
  return `absence-${absenceId}`;
}

export interface AbsenceInput {
  absenceId: string;
  coordinatorId: string;
  kind: 'leave' | 'departure';
  from: string;
  until?: string;
  substituteId?: string;
  actor: string;
  requestId?: string;
}
