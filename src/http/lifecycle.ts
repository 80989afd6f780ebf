import { ShuttingDownError } from '../runtime/index.js';

/**
 * What a graceful shutdown needs from the edge: a flag that turns readiness off and refuses new queries,
 * every accepted query's promise (a query outlives its HTTP request when the client disconnects), and
 * the long-lived streams to end once those queries are answered.
 */
export interface Lifecycle {
  readonly draining: boolean;
  /** Throws ShuttingDownError once draining: a query is either accepted before that or refused. */
  assertAccepting(): void;
  /** Keeps `work` in the set shutdown waits for; the returned promise settles like `work`. */
  track<T>(work: Promise<T>): Promise<T>;
  readonly inFlight: number;
  /** Registers a long-lived stream to end at shutdown; returns the unregister function. */
  onClose(close: () => void): () => void;
  /** Refuses new queries, waits for accepted ones (up to `timeoutMs`), then ends every stream. */
  drain(timeoutMs: number): Promise<{ completed: boolean }>;
}

export function createLifecycle(): Lifecycle {
  let draining = false;
  const work = new Set<Promise<unknown>>();
  const closers = new Set<() => void>();

  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return work.size;
    },
    assertAccepting() {
      if (draining) throw new ShuttingDownError();
    },
    track(promise) {
      const settled = promise.then(
        () => undefined,
        () => undefined,
      );
      work.add(settled);
      void settled.then(() => work.delete(settled));
      return promise;
    },
    onClose(close) {
      closers.add(close);
      return () => closers.delete(close);
    },
    async drain(timeoutMs) {
      draining = true;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const completed = await Promise.race([Promise.all([...work]).then(() => true), deadline]);
      clearTimeout(timer);
      for (const close of [...closers]) close();
      closers.clear();
      return { completed };
    },
  };
}
