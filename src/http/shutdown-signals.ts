import type { Logger } from 'pino';
import { describe } from './error-handler.js';
import type { RunningServer } from './server.js';

/**
 * What SIGTERM/SIGINT do: a graceful shutdown, then exit 0 (1 if it failed). A second signal while
 * draining exits at once. Separate from `installShutdownSignals` so tests can call it without signals.
 */
export function createShutdownHandler(
  running: RunningServer,
  logger: Logger,
  exit: (code: number) => void = (code) => process.exit(code),
): (signal: string) => Promise<void> {
  let inProgress = false;
  return async (signal) => {
    if (inProgress) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      exit(1);
      return;
    }
    inProgress = true;
    logger.info({ signal }, 'signal received');
    try {
      await running.shutdown();
      exit(0);
    } catch (error) {
      logger.error({ error: describe(error) }, 'shutdown failed');
      exit(1);
    }
  };
}

export function installShutdownSignals(handler: (signal: string) => Promise<void>): () => void {
  const onSignal = (signal: NodeJS.Signals) => void handler(signal);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}
