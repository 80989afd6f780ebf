import { SwarmError } from '../../runtime/index.js';

/** An attempt outlived `timeoutMs`: the request was aborted and is not retried (its budget is spent). */
export class LlmTimeoutError extends SwarmError {
  constructor(timeoutMs: number) {
    super('LLM_TIMEOUT', `no complete answer from the LLM within ${timeoutMs} ms`, {
      details: { timeoutMs },
    });
  }
}
