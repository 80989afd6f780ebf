export { BreakerConfig, LlmConfig, llmConfigFromEnv, parseLlmConfig, type LlmConfigInput } from './config.js';
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
  ChatRequest,
  ChatResult,
  CompletionRequest,
  CompletionResult,
  DialogueMessage,
  LlmPort,
  LlmUsage,
  StructuredRequest,
  ToolCall,
  ToolDefinition,
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
export { INSTRUCTION_MARKERS } from './instruction-markers.js';
export {
  answerMessages,
  articlesBlock,
  classifyMessages,
  customerBlock,
  specialistSystemPrompt,
} from './prompts.js';
export type {
  AnswerRequest,
  AnswerResult,
  ClassifyRequest,
  ClassifyResult,
  LlmService,
  ToolStep,
} from './service.js';
