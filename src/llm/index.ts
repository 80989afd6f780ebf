export { BreakerConfig, LlmConfig, llmConfigFromEnv, parseLlmConfig, type LlmConfigInput } from './config.js';
export {
  LlmAbortedError,
  LlmConfigError,
  LlmInvalidOutputError,
  LlmOverloadedError,
  LlmRequestError,
  LlmTimeoutError,
  LlmUnavailableError,
} from './errors/index.js';
export {
  checkInput,
  checkOutput,
  createStreamGuard,
  safeAnswer,
  type GuardVerdict,
  type InputCheckOptions,
  type OutputCheckOptions,
  type StreamGuard,
} from './guardrails/index.js';
export type {
  ChatMessage,
  CompletionRequest,
  CompletionResult,
  LlmPort,
  LlmUsage,
  StructuredRequest,
} from './llm.js';
export {
  createLlmService,
  type LlmCallOutcome,
  type LlmCallRecord,
  type LlmHostService,
  type LlmServiceOptions,
} from './llm-service.js';
export { createLlm, type LlmDeps } from './openai-llm.js';
export { createLlmThread, rebuildLlmError, type LlmThread } from './thread/index.js';
export {
  INSTRUCTION_MARKERS,
  answerMessages,
  articlesBlock,
  classifyMessages,
  customerBlock,
  specialistSystemPrompt,
} from './prompts.js';
export type { AnswerRequest, AnswerResult, ClassifyRequest, ClassifyResult, LlmService } from './service.js';
