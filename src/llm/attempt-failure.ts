import OpenAI from 'openai';
import { SwarmError } from '../runtime/index.js';
import { LlmAbortedError, LlmInvalidOutputError, LlmRequestError, LlmTimeoutError } from './errors/index.js';
import { ClosedConnectionError } from './node-fetch.js';
import { retryAfterHint } from './resilience/index.js';

/** What one failed attempt means for the retry loop and for the circuit breaker. */
export interface AttemptFailure {
  retryable: boolean;
  /** true: the server is at fault (counts against the breaker); false: it answered; undefined: says nothing. */
  serverFault: boolean | undefined;
  /** The server answered that it has too much to do (429, 503): it is up, and takes fewer calls. */
  overload: boolean;
  retryAfterMs: number | undefined;
  /** The error to reject with when this is the last attempt. */
  toError(attempts: number): SwarmError;
}

const RETRYABLE_STATUSES = new Set([408, 409, 429]);
const OVERLOAD_STATUSES = new Set([429, 503]);

export function describeFailure(
  error: unknown,
  cause: { timedOut: boolean; callerAborted: boolean; timeoutMs: number },
): AttemptFailure {
  if (cause.timedOut || error instanceof OpenAI.APIConnectionTimeoutError) {
    return fixed(new LlmTimeoutError(cause.timeoutMs), { retryable: false, serverFault: true });
  }
  if (cause.callerAborted) return fixed(new LlmAbortedError(), { retryable: false, serverFault: undefined });
  if (error instanceof OpenAI.APIConnectionError) {
    // A kept-alive socket closed under the request is sent again at once, and proves nothing either way.
    const closedIdle = error.cause instanceof ClosedConnectionError;
    return {
      retryable: true,
      serverFault: closedIdle ? undefined : true,
      overload: false,
      retryAfterMs: closedIdle ? 0 : undefined,
      toError: (attempts) => new LlmRequestError(undefined, attempts, { cause: error }),
    };
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const status = error.status;
    const retryable = status >= 500 || RETRYABLE_STATUSES.has(status);
    return {
      retryable,
      serverFault: retryable,
      overload: OVERLOAD_STATUSES.has(status),
      retryAfterMs: retryable ? retryAfterHint(error.headers, Date.now()) : undefined,
      toError: (attempts) => new LlmRequestError(status, attempts, { cause: error }),
    };
  }
  if (error instanceof SwarmError) return fixed(error, { retryable: false, serverFault: false });
  // A 200 whose body or SSE frames are not the chat-completions protocol.
  return fixed(new LlmInvalidOutputError('malformed response', { cause: error }), {
    retryable: false,
    serverFault: false,
  });
}

function fixed(
  error: SwarmError,
  flags: { retryable: boolean; serverFault: boolean | undefined },
): AttemptFailure {
  return { ...flags, overload: false, retryAfterMs: undefined, toError: () => error };
}
