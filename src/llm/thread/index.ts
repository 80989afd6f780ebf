export { rebuildLlmError } from './error-codec.js';
export { createLlmThread, type LlmThread } from './llm-thread-port.js';
