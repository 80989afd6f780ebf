import type { Learning } from './learning.js';

export interface LearningSyncOptions {
  learning: Learning;
  intervalMs: number;
  /** A model that took in other processes' corrections: to replicate to the workers. */
  onModel(model: unknown): void;
  onError(error: unknown): void;
}

/**
 * Asks the learning loop now and then to take in corrections accepted elsewhere (other processes on
 * one Redis). One look at a time: a retraining that outlasts the interval is not started twice.
 * Returns a stop function that waits for a look in progress.
 */
export function startLearningSync(options: LearningSyncOptions): () => Promise<void> {
  let running: Promise<void> | undefined;
  const look = (): void => {
    if (running) return;
    running = options.learning
      .catchUp()
      .then((model) => {
        if (model !== undefined) options.onModel(model);
      })
      .catch(options.onError)
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(look, options.intervalMs);
  // A desk that is otherwise idle must not stay alive for this.
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
