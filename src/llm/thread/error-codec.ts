import type { SwarmError } from '../../runtime/index.js';
import { rebuildError, type SerializedError } from '../../runtime/index.js';
import {
  LlmAbortedError,
  LlmConfigError,
  LlmInvalidOutputError,
  LlmOverloadedError,
  LlmRequestError,
  LlmTimeoutError,
  LlmUnavailableError,
} from '../errors/index.js';

const LLM_ERRORS: Record<string, abstract new (...args: never[]) => SwarmError> = {
  LLM_ABORTED: LlmAbortedError,
  LLM_CONFIG_INVALID: LlmConfigError,
  LLM_INVALID_OUTPUT: LlmInvalidOutputError,
  LLM_OVERLOADED: LlmOverloadedError,
  LLM_REQUEST_FAILED: LlmRequestError,
  LLM_TIMEOUT: LlmTimeoutError,
  LLM_UNAVAILABLE: LlmUnavailableError,
};

/**
 * Rebuilds an error from the LLM thread with its class, as the runtime does for its own codes: the
 * message is kept verbatim (the constructors would reformat it) and the prototype set from the code.
 */
export function rebuildLlmError(serialized: SerializedError): SwarmError {
  const error = rebuildError(serialized);
  const known = LLM_ERRORS[serialized.code];
  if (!known) return error;
  Object.setPrototypeOf(error, known.prototype);
  error.name = known.name;
  if (error instanceof LlmRequestError) {
    const status = serialized.details?.['status'];
    Object.defineProperty(error, 'status', { value: typeof status === 'number' ? status : undefined });
  }
  return error;
}
