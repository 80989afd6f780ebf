import { SwarmError } from '../../runtime/index.js';

/** The caller's own signal aborted the call (the query was cancelled); not a fault of the LLM. */
export class LlmAbortedError extends SwarmError {
  constructor() {
    super('LLM_ABORTED', 'the LLM call was aborted by the caller');
  }
}
