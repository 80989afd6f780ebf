import { SwarmError } from '../../runtime/index.js';

/** The circuit breaker is open (or its single half-open probe is taken): rejected without a request. */
export class LlmUnavailableError extends SwarmError {
  constructor(breaker: string, retryInMs: number) {
    super('LLM_UNAVAILABLE', `the LLM circuit breaker is ${breaker}`, { details: { breaker, retryInMs } });
  }
}
