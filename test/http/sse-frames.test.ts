import type { SSEStreamingApi } from 'hono/streaming';
import { describe, expect, it } from 'vitest';
import { createEventFeed } from '../../src/http/event-feed.js';
import { sseFrame, writeFeed } from '../../src/http/sse-frames.js';

interface Event {
  type: string;
  n: number;
  text?: string;
}

/** A stream whose writes complete only when the test lets them: a client that reads slowly. */
function slowClient() {
  const writes: string[] = [];
  const pending: Array<() => void> = [];
  const stream = {
    aborted: false,
    write(text: string) {
      writes.push(text);
      return new Promise<void>((resolve) => pending.push(resolve));
    },
  };
  const settle = async () => {
    while (pending.length === 0) await new Promise((resolve) => setImmediate(resolve));
    pending.shift()?.();
  };
  return { writes, settle, stream, api: stream as unknown as SSEStreamingApi };
}

function parseFrames(text: string): Array<{ event: string; data: unknown }> {
  return text
    .split('\n\n')
    .filter((frame) => frame.length > 0)
    .map((frame) => {
      const lines = frame.split('\n');
      expect(lines).toHaveLength(2);
      return {
        event: (lines[0] ?? '').replace(/^event: /, ''),
        data: JSON.parse((lines[1] ?? '').replace(/^data: /, '')) as unknown,
      };
    });
}

describe('writeFeed', () => {
  it('sends what queued during a write in one write, in order', async () => {
    const feed = createEventFeed<Event>();
    const client = slowClient();
    feed.push({ type: 'routed', n: 1 });
    const done = writeFeed(client.api, feed);
    await new Promise((resolve) => setImmediate(resolve));
    feed.push({ type: 'token', n: 2 });
    feed.push({ type: 'token', n: 3 });
    await client.settle();
    await client.settle();
    feed.push({ type: 'done', n: 4 });
    feed.end();
    await client.settle();
    await done;
    expect(client.writes).toHaveLength(3);
    expect(client.writes.map((text) => parseFrames(text).map((frame) => frame.data))).toEqual([
      [{ type: 'routed', n: 1 }],
      [
        { type: 'token', n: 2 },
        { type: 'token', n: 3 },
      ],
      [{ type: 'done', n: 4 }],
    ]);
  });

  it('keeps line breaks in the data inside one data line', async () => {
    const feed = createEventFeed<Event>();
    const client = slowClient();
    const event = { type: 'token', n: 1, text: 'first line\nsecond line\r\nthird' };
    feed.push(event);
    feed.end();
    const done = writeFeed(client.api, feed);
    await client.settle();
    await done;
    expect(parseFrames(client.writes.join(''))).toEqual([{ event: 'token', data: event }]);
    expect(sseFrame('token', event).split('\n')).toHaveLength(4);
  });

  it('stops writing once the client is gone', async () => {
    const feed = createEventFeed<Event>();
    const client = slowClient();
    feed.push({ type: 'token', n: 1 });
    const done = writeFeed(client.api, feed);
    await client.settle();
    client.stream.aborted = true;
    feed.push({ type: 'token', n: 2 });
    await done;
    expect(client.writes).toHaveLength(1);
  });
});
