import type { SSEStreamingApi } from 'hono/streaming';
import type { StreamEvent } from '../../domain/query.js';
import { STATUS_BY_CODE } from '../error-status.js';
import type { EventFeed } from '../event-feed.js';
import { chunkMaker } from './completion.js';
import { openAiErrorBody } from './error-body.js';

const data = (payload: unknown) => `data: ${JSON.stringify(payload)}\n\n`;

/**
 * Turns the desk's stream events into `chat.completion.chunk` frames ending in `data: [DONE]`.
 *
 * The streamed content must add up to the answer a plain completion returns, since clients keep it as
 * the assistant's turn. A single-department answer streams as its agent writes it; a multi-intent
 * answer is composed from the parts only at the end (a heading per department), so its parts' tokens
 * are not forwarded and the composed answer is sent whole. Whatever the answer holds beyond what was
 * streamed (an escalation's notice, say) is sent before the final chunk.
 */
function chunkWriter(model: string, includeUsage: boolean) {
  const created = Math.floor(Date.now() / 1000);
  let make: ReturnType<typeof chunkMaker> | undefined;
  let streamed = '';
  let live = true;
  const start = (queryId: string) => {
    if (make) return '';
    make = chunkMaker(queryId, model, created);
    return data(make.delta('', 'assistant'));
  };

  return (event: StreamEvent): string => {
    switch (event.type) {
      case 'routed':
        live = event.departments.length <= 1;
        return start(event.queryId);
      case 'handoff':
        return '';
      case 'token': {
        const opening = start(event.queryId);
        if (!live || !make) return opening;
        streamed += event.delta;
        return opening + data(make.delta(event.delta));
      }
      case 'done': {
        const opening = start(event.queryId);
        if (!make) return opening;
        const { response } = event.result;
        const rest = response.startsWith(streamed) ? response.slice(streamed.length) : '';
        return (
          opening +
          (rest ? data(make.delta(rest)) : '') +
          data(make.stop(event.result)) +
          (includeUsage ? data(make.usage(event.result)) : '') +
          'data: [DONE]\n\n'
        );
      }
      case 'error':
        // OpenAI's clients raise an APIError for a `data:` frame holding `error`.
        return data(openAiErrorBody({ status: STATUS_BY_CODE[event.error.code] ?? 500, body: event.error }));
    }
  };
}

/** Writes the chunks until the feed ends or the client goes; what queued meanwhile goes as one write. */
export async function writeCompletionChunks(
  stream: SSEStreamingApi,
  feed: EventFeed<StreamEvent>,
  model: string,
  includeUsage: boolean,
): Promise<void> {
  const frameOf = chunkWriter(model, includeUsage);
  for await (const first of feed) {
    if (stream.aborted) break;
    let frames = frameOf(first);
    for (const next of feed.drain()) frames += frameOf(next);
    if (frames) await stream.write(frames);
  }
}
