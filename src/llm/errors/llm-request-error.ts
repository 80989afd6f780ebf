import { SwarmError } from '../../runtime/index.js';

/** The request failed for good: a non-retryable status, or retries exhausted on 429/5xx/connection errors. */
export class LlmRequestError extends SwarmError {
  readonly status: number | undefined;
  constructor(status: number | undefined, attempts: number, options?: { cause?: unknown }) {
    const what = status === undefined ? 'connection failed' : `HTTP ${status}`;
    super('LLM_REQUEST_FAILED', `LLM request failed (${what}) after ${attempts} attempt(s)`, {
      cause: options?.cause,
      details: { status: status ?? null, attempts },
    });
    this.status = status;
  }
}
