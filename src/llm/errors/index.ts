export { LlmAbortedError } from './llm-aborted-error.js';
export { LlmConfigError } from './llm-config-error.js';
export { LlmInvalidOutputError } from './llm-invalid-output-error.js';
export { LlmOverloadedError } from './llm-overloaded-error.js';
export { LlmRequestError } from './llm-request-error.js';
export { LlmTimeoutError } from './llm-timeout-error.js';
export { LlmUnavailableError } from './llm-unavailable-error.js';
