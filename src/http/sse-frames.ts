import type { SSEStreamingApi } from 'hono/streaming';
import type { EventFeed } from './event-feed.js';

/** One SSE frame. `data` is serialised as JSON, which holds no raw line break: one `data:` line. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Writes a feed of typed events as SSE until it ends or the client goes. What queued while the last
 * write was under way goes out as one write: a burst of tokens, or a client slower than the desk,
 * costs one pass through the response stream and one socket write instead of one per event.
 */
export async function writeFeed<T extends { type: string }>(
  stream: SSEStreamingApi,
  feed: EventFeed<T>,
): Promise<void> {
  for await (const first of feed) {
    if (stream.aborted) break;
    let frames = sseFrame(first.type, first);
    for (const next of feed.drain()) frames += sseFrame(next.type, next);
    await stream.write(frames);
  }
}

/** Writes a feed of frames already serialised (shared by many streams) until it ends or the client goes. */
export async function writeFrames(stream: SSEStreamingApi, feed: EventFeed<string>): Promise<void> {
  for await (const first of feed) {
    if (stream.aborted) break;
    await stream.write(first + feed.drain().join(''));
  }
}
