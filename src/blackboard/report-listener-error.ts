/** Default for `onListenerError`: a listener's failure must not vanish, nor fail the writer. */
export function reportListenerError(error: unknown): void {
  process.emitWarning(error instanceof Error ? error : new Error(String(error)), 'BlackboardListenerWarning');
}
