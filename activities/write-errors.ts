/**
 * Why a case write was refused for good. The activity fails with one of these types (not
 * retryable), and the workflow fails the command with it: the case stays as it was. Shared by the
 * activities and the workflow bundle, so it imports nothing.
 */
export const WriteRefused = {
  /** A referenced unit or coordinator is not of the case's municipality. */
  ForeignReference: 'WriteRefusedForeignReference',
  /** The data cannot be stored, and no retry changes that. */
  Unrecordable: 'WriteRefusedUnrecordable',
} as const;
