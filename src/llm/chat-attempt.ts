import OpenAI from 'openai';
import type { ToolCall } from './llm.js';
import type { JsonSchemaFormat } from './structured-output.js';

export interface ChatBody {
  model: string;
  messages: OpenAI.Chat.ChatCompletionMessageParam[];
  temperature?: number;
  max_tokens?: number;
  response_format?: JsonSchemaFormat;
  tools?: OpenAI.Chat.ChatCompletionFunctionTool[];
}

export interface AttemptOutput {
  text: string;
  toolCalls: ToolCall[];
  usage: { prompt_tokens: number; completion_tokens: number } | undefined;
}

/** One HTTP exchange, streamed when `onToken` is given; failures are judged by the caller. */
export async function chatAttempt(
  client: OpenAI,
  body: ChatBody,
  signal: AbortSignal,
  onToken: ((delta: string) => void) | undefined,
): Promise<AttemptOutput> {
  if (!onToken) {
    const completion = await client.chat.completions.create({ ...body, stream: false }, { signal });
    const message = completion.choices[0]?.message;
    const toolCalls = (message?.tool_calls ?? []).flatMap((call) =>
      call.type === 'function'
        ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }]
        : [],
    );
    return { text: message?.content ?? '', toolCalls, usage: completion.usage ?? undefined };
  }
  const stream = await client.chat.completions.create(
    { ...body, stream: true, stream_options: { include_usage: true } },
    { signal },
  );
  let text = '';
  let usage: AttemptOutput['usage'];
  let finished = false;
  // A call arrives in pieces keyed by its index: the id and name first, the arguments in fragments.
  const calls = new Map<number, ToolCall>();
  try {
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.finish_reason) finished = true;
      const delta = choice?.delta?.content;
      if (delta) {
        text += delta;
        onToken(delta);
      }
      for (const piece of choice?.delta?.tool_calls ?? []) {
        const call = calls.get(piece.index) ?? { id: '', name: '', arguments: '' };
        calls.set(piece.index, {
          id: piece.id ?? call.id,
          name: call.name + (piece.function?.name ?? ''),
          arguments: call.arguments + (piece.function?.arguments ?? ''),
        });
      }
      if (chunk.usage) usage = chunk.usage;
    }
  } catch (error) {
    // A socket cut mid-stream surfaces as undici's bare "terminated" TypeError; unparsable frames as SyntaxError.
    if (error instanceof SyntaxError || error instanceof OpenAI.APIError) throw error;
    throw new OpenAI.APIConnectionError({ message: 'the stream broke off', cause: error as Error });
  }
  // An aborted stream ends the iteration quietly instead of throwing; a partial answer must not pass as whole.
  signal.throwIfAborted();
  // A connection cut mid-stream also ends it quietly; only a finish_reason proves the answer is whole.
  if (!finished) throw new OpenAI.APIConnectionError({ message: 'the stream ended before a finish_reason' });
  const toolCalls = [...calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
  return { text, toolCalls, usage };
}
