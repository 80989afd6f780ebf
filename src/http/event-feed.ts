/**
 * A single-consumer queue between a producer callback (desk events, agent changes) and an async writer
 * (an SSE stream). The producer never waits, so a slow client cannot slow the desk down; past
 * `maxItems` waiting items the consumer is too slow to keep up, and the feed drops them and ends
 * (the stream closes; a client that reconnects starts from a fresh snapshot).
 */
export interface EventFeed<T> extends AsyncIterable<T> {
  push(item: T): void;
  end(): void;
  /** True once the feed ended because its consumer fell `maxItems` behind. */
  readonly overflowed: boolean;
  /** Resolves once an item is queued or the feed ended. */
  ready(): Promise<void>;
  peek(): T | undefined;
  /** Takes every queued item at once, oldest first (the iterator then waits for the next). */
  drain(): T[];
}

export function createEventFeed<T>(options: { maxItems?: number } = {}): EventFeed<T> {
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  const items: T[] = [];
  let ended = false;
  let overflowed = false;
  const waiters: (() => void)[] = [];

  const signal = () => {
    for (const wake of waiters.splice(0)) wake();
  };
  const wait = () =>
    new Promise<void>((resolve) => {
      waiters.push(resolve);
    });

  return {
    push(item) {
      if (ended) return;
      if (items.length >= maxItems) {
        items.length = 0;
        overflowed = true;
        ended = true;
      } else {
        items.push(item);
      }
      signal();
    },
    get overflowed() {
      return overflowed;
    },
    end() {
      ended = true;
      signal();
    },
    async ready() {
      while (items.length === 0 && !ended) await wait();
    },
    peek: () => items[0],
    drain: () => items.splice(0),
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const item = items.shift();
        if (item !== undefined) {
          yield item;
          continue;
        }
        if (ended) return;
        await wait();
      }
    },
  };
}
