import { SwarmError } from '../../runtime/index.js';

/** Every concurrency slot is busy and the wait queue is full: backpressure instead of unbounded waiting. */
export class LlmOverloadedError extends SwarmError {
  constructor(concurrency: number, maxQueue: number) {
    super('LLM_OVERLOADED', `LLM calls in flight (${concurrency}) and queued (${maxQueue}) are at capacity`, {
      details: { concurrency, maxQueue },
    });
  }
}
