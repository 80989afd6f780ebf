import type { ResourceLimits, Worker } from 'node:worker_threads';
import { Batcher } from './batcher.js';
import { ThreadExitedError } from './errors.js';
import type { FromWorker, ToWorker, WorkerBootData } from './protocol.js';
import { startWorker, workerEntryUrl } from './worker-entry.js';

export interface ThreadHandlers {
  onMessages(thread: ThreadHost, messages: FromWorker[]): void;
  onUnsendable(thread: ThreadHost, message: ToWorker, error: unknown): void;
  onExit(thread: ThreadHost, code: number | null, error: Error | undefined): void;
}

/** Compiled, a worker starts from host.js; from source, from host.ts through tsx. */
function createWorker(data: WorkerBootData, resourceLimits: ResourceLimits): Worker {
  return startWorker(workerEntryUrl('./worker/host', import.meta.url), { workerData: data, resourceLimits });
}

/** The main-thread side of one worker thread: batched posting, the actors it hosts, its exit. */
export class ThreadHost {
  readonly id: number;
  readonly actors = new Set<string>();
  readonly #worker: Worker;
  readonly #outbox: Batcher<ToWorker>;
  readonly #online: Promise<void>;
  #closing = false;
  #exited = false;
  #error: Error | undefined;

  constructor(data: WorkerBootData, resourceLimits: ResourceLimits, handlers: ThreadHandlers) {
    this.#worker = createWorker(data, resourceLimits);
    this.id = this.#worker.threadId;
    this.#outbox = new Batcher(
      (batch) => {
        if (!this.#exited) this.#worker.postMessage(batch);
      },
      (message, error) => handlers.onUnsendable(this, message, error),
    );
    let ready: () => void = () => {};
    let failed: (error: Error) => void = () => {};
    this.#online = new Promise((resolve, reject) => {
      ready = resolve;
      failed = reject;
    });
    // Awaited by boot only; a replacement thread that dies early is reported through onExit instead.
    this.#online.catch(() => {});
    this.#worker.on('message', (batch: FromWorker[]) => {
      if (batch[0]?.t === 'ready') ready();
      else handlers.onMessages(this, batch);
    });
    this.#worker.on('error', (error) => {
      this.#error = error;
    });
    this.#worker.on('exit', (code) => {
      this.#exited = true;
      failed(new ThreadExitedError(this.id, code, this.#error?.message));
      if (!this.#closing) handlers.onExit(this, code, this.#error);
    });
  }

  get alive(): boolean {
    return !this.#exited && !this.#closing;
  }

  online(): Promise<void> {
    return this.#online;
  }

  post(message: ToWorker): void {
    this.#outbox.push(message);
  }

  /** Ends the thread as a crash would: the supervisor sees an unexpected exit and repairs it. */
  async kill(): Promise<void> {
    if (this.#exited || this.#closing) return;
    await this.#worker.terminate();
  }

  async close(): Promise<void> {
    this.#closing = true;
    if (this.#exited) return;
    await this.#worker.terminate();
  }
}
