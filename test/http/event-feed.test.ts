import { describe, expect, it } from 'vitest';
import { createEventFeed } from '../../src/http/event-feed.js';

describe('event feed', () => {
  it('drops what waits and ends once its consumer falls maxItems behind', async () => {
    const feed = createEventFeed<number>({ maxItems: 3 });
    for (let i = 0; i < 3; i++) feed.push(i);
    expect(feed.overflowed).toBe(false);
    feed.push(3);
    expect(feed.overflowed).toBe(true);
    expect(feed.peek()).toBeUndefined();
    const read: number[] = [];
    for await (const item of feed) read.push(item);
    expect(read).toEqual([]);
  });

  it('keeps everything for a consumer that keeps up', async () => {
    const feed = createEventFeed<number>({ maxItems: 2 });
    const read: number[] = [];
    const reading = (async () => {
      for await (const item of feed) read.push(item);
    })();
    for (let i = 0; i < 10; i++) {
      feed.push(i);
      await feed.ready();
      await Promise.resolve();
    }
    feed.end();
    await reading;
    expect(read).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(feed.overflowed).toBe(false);
  });
});
