import { Piscina } from 'piscina';
import type { IntentModelJson } from './intent-model.js';
import train, { type TrainRequest } from './train-worker.js';

/** Where the learner's retraining runs: a piscina thread in production, inline in small tests. */
export interface Trainer {
  train(request: TrainRequest): Promise<IntentModelJson>;
  close(): Promise<void>;
}

export function createInlineTrainer(): Trainer {
  return {
    train: async (request) => train(request),
    close: async () => {},
  };
}

/** Compiled code runs the .js task; under tsx the .mjs bootstrap registers tsx first. */
function workerFile(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./train-worker-bootstrap.mjs', import.meta.url)
    : new URL('./train-worker.js', import.meta.url);
}

export function createPiscinaTrainer(options: { maxThreads?: number } = {}): Trainer {
  const pool = new Piscina<TrainRequest, IntentModelJson>({
    filename: workerFile().href,
    minThreads: 0,
    maxThreads: options.maxThreads ?? 1,
    idleTimeout: 30_000,
  });
  return {
    train: (request) => pool.run(request),
    close: () => pool.destroy(),
  };
}
