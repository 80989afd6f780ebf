/**
 * An unbounded single-consumer queue between a producer callback (desk events, agent changes) and an
 * async writer (an SSE stream). The producer never waits, so a slow client cannot slow the desk down.
 */
export interface EventFeed<T> extends AsyncIterable<T> {
  push(item: T): void;
  end(): void;
  /** Resolves once an item is queued or the feed ended. */
  ready(): Promise<void>;
  peek(): T | undefined;
  /** Takes every queued item at once, oldest first (the iterator then waits for the next). */
  drain(): T[];
}

export function createEventFeed<T>(): EventFeed<T> {
  const items: T[] = [];
  let ended = false;
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
      items.push(item);
      signal();
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
