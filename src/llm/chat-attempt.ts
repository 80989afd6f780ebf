import OpenAI from 'openai';
import type { ChatMessage } from './llm.js';
import type { JsonSchemaFormat } from './structured-output.js';

export interface ChatBody {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  max_tokens?: number;
  response_format?: JsonSchemaFormat;
}

export interface AttemptOutput {
  text: string;
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
    return { text: message?.content ?? '', usage: completion.usage ?? undefined };
  }
  const stream = await client.chat.completions.create(
    { ...body, stream: true, stream_options: { include_usage: true } },
    { signal },
  );
  let text = '';
  let usage: AttemptOutput['usage'];
  let finished = false;
  try {
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.finish_reason) finished = true;
      const delta = choice?.delta?.content;
      if (delta) {
        text += delta;
        onToken(delta);
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
  return { text, usage };
}
