import type { ActorCell } from './actor-cell.js';
import type { AskOptions, SendOptions } from './behaviour.js';
import { rebuildError } from './error-codec.js';
import {
  ActorNotFoundError,
  ActorStoppedError,
  AskTimeoutError,
  MailboxFullError,
  NotCloneableError,
  SwarmError,
  type SerializedError,
} from './errors.js';
import type { Kernel } from './kernel.js';
import type { Envelope, ReplyHandle } from './mailbox.js';
import { RUNTIME_DEFAULTS } from './options.js';
import type { Pool } from './pool.js';
import type { DoneMessage, FromWorker, ToWorker } from './protocol.js';

const deferredKey = (thread: number, id: number): string => `${thread}:${id}`;

/**
 * The message path on the main thread: addressing (actor id or pool type), mailbox admission,
 * windows handed to workers, and settling what the workers report back.
 */
export class Dispatcher {
  readonly #toDispatch = new Set<ActorCell>();
  /** Asks whose actor already took its next message and will settle the reply later, by thread:id. */
  readonly #deferred = new Map<string, ReplyHandle>();
  #scheduled = false;
  processedTotal = 0;

  constructor(
    private readonly kernel: Kernel,
    /** Called when an actor has nothing queued or in flight (a retiring instance may now leave). */
    private readonly onEmpty: (cell: ActorCell) => void,
  ) {}

  ask(target: string, message: unknown, options: AskOptions | undefined): Promise<unknown> {
    const { clock } = this.kernel.options;
    const timeoutMs = options?.timeoutMs ?? this.kernel.options.askTimeoutMs;
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = clock.setTimeout(() => handle.reject(new AskTimeoutError(target, timeoutMs)), timeoutMs);
      const handle: ReplyHandle = {
        resolve(value) {
          if (settled) return;
          settled = true;
          clock.clearTimeout(timer);
          resolve(value);
        },
        reject(error) {
          if (settled) return;
          settled = true;
          clock.clearTimeout(timer);
          reject(error);
        },
      };
      try {
        this.send(target, message, options, handle);
      } catch (error) {
        handle.reject(error instanceof SwarmError ? error : new SwarmError('ERROR', String(error)));
      }
    });
  }

  /** Queues a message or throws why not; refusals other than backpressure also go to dead letters. */
  send(
    target: string,
    message: unknown,
    options: SendOptions | undefined,
    reply: ReplyHandle | undefined,
  ): void {
    const key = options?.key;
    const pool = this.kernel.pools.get(target);
    const cell = this.#resolve(target, pool, key);
    if (cell instanceof SwarmError) {
      this.kernel.deadLetter(target, message, cell.toJSON());
      throw cell;
    }
    if (cell.depth >= cell.mailbox.capacity) {
      throw new MailboxFullError(cell.id, cell.mailbox.capacity, retryHint(cell));
    }
    cell.mailbox.push({
      message,
      priority: options?.priority ?? 'medium',
      attempts: 0,
      reply,
      release: pool && key !== undefined ? pool.hold(key, cell) : undefined,
    });
    this.markDispatch(cell);
  }

  /** A behaviour's `ctx.tell`: the sender cannot be told, so every refusal ends in dead letters. */
  relayTell(target: string, message: unknown, options: SendOptions | undefined): void {
    try {
      this.send(target, message, options, undefined);
    } catch (error) {
      if (error instanceof MailboxFullError) this.kernel.deadLetter(target, message, error.toJSON());
    }
  }

  // Returns the refusal instead of throwing it, so the caller can dead-letter it first.
  #resolve(target: string, pool: Pool | undefined, key: string | undefined): ActorCell | SwarmError {
    if (pool) return pool.pick(key) ?? new ActorStoppedError(target, 'without running instances');
    const cell = this.kernel.cells.get(target);
    if (!cell) return new ActorNotFoundError(target);
    if (!cell.accepting) return new ActorStoppedError(cell.id, cell.lifecycle);
    return cell;
  }

  markDispatch(cell: ActorCell): void {
    this.#toDispatch.add(cell);
    if (!this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(() => this.#flush());
    }
  }

  #flush(): void {
    this.#scheduled = false;
    for (const cell of this.#toDispatch) this.#dispatch(cell);
    this.#toDispatch.clear();
  }

  /**
   * Hands the worker the next window of messages once the previous one is finished, so messages that
   * arrive meanwhile wait in the mailbox where the priority lanes order them. Under a backlog (a full
   * window waiting) a second window is sent ahead to keep the thread busy across the round trip.
   */
  #dispatch(cell: ActorCell): void {
    this.kernel.statuses.mark(cell.id);
    const window = RUNTIME_DEFAULTS.dispatchWindow;
    const thread = cell.thread;
    if (cell.lifecycle !== 'running' || !thread) return;
    while (
      cell.mailbox.size > 0 &&
      (cell.inFlight.length === 0 || (cell.inFlight.length <= window && cell.mailbox.size >= window))
    ) {
      const messages: unknown[] = [];
      const asks: number[] = [];
      while (messages.length < window) {
        const envelope = cell.mailbox.shift();
        if (!envelope) break;
        if (envelope.reply) asks.push(messages.length);
        cell.inFlight.push(envelope);
        messages.push(envelope.message);
      }
      cell.dispatchedAt = this.kernel.now();
      cell.dispatchedCount = messages.length;
      thread.post({ t: 'deliver', actorId: cell.id, incarnation: cell.incarnation, messages, asks });
    }
  }

  onDone(cell: ActorCell, done: DoneMessage): void {
    const envelopes = cell.inFlight.splice(0, done.count);
    const unsendable = done.unsendable ? new Map(done.unsendable) : undefined;
    const deferred = done.deferred ? new Map(done.deferred) : undefined;
    let replyIndex = 0;
    for (const envelope of envelopes) {
      if (envelope.reply) {
        const refusal = unsendable?.get(replyIndex);
        const later = deferred?.get(replyIndex);
        if (refusal) envelope.reply.reject(rebuildError(refusal));
        else if (later !== undefined && cell.thread) {
          this.#deferred.set(deferredKey(cell.thread.id, later), envelope.reply);
        } else envelope.reply.resolve(done.replies[replyIndex]);
        replyIndex++;
      }
      envelope.release?.();
    }
    cell.processed += envelopes.length;
    this.processedTotal += envelopes.length;
    this.#afterProgress(cell);
  }

  /** A deferred reply settled on `thread`. */
  onSettled(thread: number, settled: Extract<FromWorker, { t: 'settled' }>): void {
    const key = deferredKey(thread, settled.id);
    const reply = this.#deferred.get(key);
    if (!reply) return;
    this.#deferred.delete(key);
    if (settled.ok) reply.resolve(settled.value);
    else reply.reject(rebuildError(settled.error));
  }

  /** A thread died: the replies it still owed can never come. */
  failDeferred(thread: number, error: SerializedError): void {
    const prefix = `${thread}:`;
    for (const [key, reply] of this.#deferred) {
      if (!key.startsWith(prefix)) continue;
      this.#deferred.delete(key);
      reply.reject(rebuildError(error));
    }
  }

  /** The next in-flight message was refused by the behaviour's schema: dead letters, not a crash. */
  onRejected(cell: ActorCell, error: SerializedError): void {
    const envelope = cell.inFlight.shift();
    if (!envelope) return;
    this.kernel.deadLetter(cell.id, envelope.message, error);
    envelope.reply?.reject(rebuildError(error));
    envelope.release?.();
    this.#afterProgress(cell);
  }

  #afterProgress(cell: ActorCell): void {
    if (cell.inFlight.length > 0) {
      if (cell.mailbox.size >= RUNTIME_DEFAULTS.dispatchWindow) this.markDispatch(cell);
      else this.kernel.statuses.mark(cell.id);
      return;
    }
    const now = this.kernel.now();
    const perMessage = (now - cell.dispatchedAt) / Math.max(1, cell.dispatchedCount);
    cell.msPerMessage = 0.8 * cell.msPerMessage + 0.2 * perMessage;
    if (cell.mailbox.size === 0) {
      cell.idleSince = now;
      this.onEmpty(cell);
    }
    this.markDispatch(cell);
  }

  /** A window could not be cloned: dead-letter the culprits, put the rest back and try again. */
  onUndeliverable(cell: ActorCell, message: Extract<ToWorker, { t: 'deliver' }>): void {
    // The worker never saw this window, so it leaves the in-flight list wherever it sits: the windows
    // around it stay aligned with what the worker reports.
    const start = cell.inFlight.findIndex((envelope) => envelope.message === message.messages[0]);
    if (start < 0) return;
    const returned = cell.inFlight.splice(start, message.messages.length);
    const sendable: Envelope[] = [];
    for (const envelope of returned) {
      try {
        structuredClone(envelope.message);
        sendable.push(envelope);
      } catch (cloneError) {
        const refusal = new NotCloneableError('message', String(cloneError));
        this.kernel.deadLetter(cell.id, undefined, refusal.toJSON());
        envelope.reply?.reject(refusal);
        envelope.release?.();
      }
    }
    cell.mailbox.requeueFront(sendable);
    this.markDispatch(cell);
  }
}

/** Roughly the time to work off a tenth of the mailbox at the recent pace. */
function retryHint(cell: ActorCell): number {
  const estimate = Math.ceil(cell.msPerMessage * Math.max(1, cell.mailbox.capacity / 10));
  return Math.min(5_000, Math.max(10, estimate));
}
