export { BreakerConfig, llmConfigFromEnv, parseLlmConfig, type LlmConfigInput } from './config.js';
export { CircuitBreaker, backoffDelay, retryAfterHint, type BreakerPermit } from './resilience/index.js';
export {
  LlmAbortedError,
  LlmConfigError,
  LlmInvalidOutputError,
  LlmOverloadedError,
  LlmRequestError,
  LlmTimeoutError,
  LlmUnavailableError,
} from './errors/index.js';
export { checkInput, checkOutput, createStreamGuard, safeAnswer } from './guardrails/index.js';
export type { LlmPort, ToolCall } from './llm.js';
export { LlmHealth } from './llm-health.js';
export { createLlmService, type LlmCallRecord, type LlmHostService } from './llm-service.js';
export { createLlm } from './openai-llm.js';
export { createLlmThread, type LlmThread } from './thread/index.js';
export type {
  AnswerRequest,
  AnswerResult,
  ClassifyRequest,
  ClassifyResult,
  LlmService,
  ToolStep,
} from './service.js';
