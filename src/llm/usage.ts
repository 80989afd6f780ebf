import type { DialogueMessage, LlmUsage } from './llm.js';

// About four characters per token for English, fewer for Czech: rough, which is why it is marked estimated.
const CHARS_PER_TOKEN = 4;
const TOKENS_PER_MESSAGE = 4;

interface ApiUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

/**
 * Usage as the server reported it or, for servers that send none (some local ones, streams without
 * `include_usage`), a character-count estimate flagged `estimated: true`.
 */
export function usageOf(
  apiUsage: ApiUsage | null | undefined,
  messages: DialogueMessage[],
  text: string,
): LlmUsage {
  if (apiUsage) return { promptTokens: apiUsage.prompt_tokens, completionTokens: apiUsage.completion_tokens };
  const promptChars = messages.reduce((sum, message) => sum + message.content.length, 0);
  return {
    promptTokens: Math.ceil(promptChars / CHARS_PER_TOKEN) + TOKENS_PER_MESSAGE * messages.length,
    completionTokens: Math.ceil(text.length / CHARS_PER_TOKEN),
    estimated: true,
  };
}
