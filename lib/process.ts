/**
 * A child started by the launcher with an IPC channel stops when the launcher goes away, even
 * if the launcher was killed without a chance to stop it: no orphan workers or APIs.
 */
export function exitWithParent(stop: () => void): void {
  if (!process.send) return;
  process.on('disconnect', stop);
}
