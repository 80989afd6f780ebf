import { SwarmError } from '../../runtime/index.js';

/** The server answered, but with nothing usable: empty, not JSON, or not matching the schema. */
export class LlmInvalidOutputError extends SwarmError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super('LLM_INVALID_OUTPUT', `the LLM output is unusable: ${reason}`, {
      cause: options?.cause,
      details: { reason },
    });
  }
}
