export { createLlmThread, type LlmThread } from './llm-thread-port.js';
