import type { QueryResult } from '../../domain/query.js';
import type { ChatCompletion, ChatCompletionChunk, CompletionUsage, SwarmCompletionInfo } from './wire.js';

/** The desk's own LLM usage for the answer: zero when it was answered offline. */
function usageOf(result: QueryResult): CompletionUsage {
  const { promptTokens, completionTokens } = result.usage;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

function swarmInfo(result: QueryResult): SwarmCompletionInfo {
  const { queryId, conversationId, customerId, intent, department, escalated, ticketId } = result;
  return { queryId, conversationId, customerId, intent, department, escalated, ticketId };
}

const completionId = (queryId: string) => `chatcmpl-${queryId}`;

const unixSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export function toCompletion(result: QueryResult, model: string): ChatCompletion {
  return {
    id: completionId(result.queryId),
    object: 'chat.completion',
    created: unixSeconds(result.createdAt),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: result.response, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: usageOf(result),
    swarm: swarmInfo(result),
  };
}

/** Builds the chunks of one streamed completion; every chunk carries the same id, time and model. */
export function chunkMaker(queryId: string, model: string, created: number) {
  const base = { id: completionId(queryId), object: 'chat.completion.chunk' as const, created, model };
  return {
    delta: (content: string, role?: 'assistant'): ChatCompletionChunk => ({
      ...base,
      choices: [
        { index: 0, delta: { ...(role ? { role } : {}), content }, logprobs: null, finish_reason: null },
      ],
    }),
    stop: (result: QueryResult): ChatCompletionChunk => ({
      ...base,
      choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }],
      swarm: swarmInfo(result),
    }),
    usage: (result: QueryResult): ChatCompletionChunk => ({ ...base, choices: [], usage: usageOf(result) }),
  };
}
