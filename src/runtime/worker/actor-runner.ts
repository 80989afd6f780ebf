import type { ActorContext, Step } from '../behaviour.js';
import type { Batcher } from '../batcher.js';
import { InvalidMessageError } from '../errors.js';
import { serializeError } from '../error-codec.js';
import type { DoneMessage, FromWorker } from '../protocol.js';
import type { AnyBehaviour } from './behaviour-loader.js';

interface Queued {
  message: unknown;
  ask: boolean;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

let nextDeferredId = 1;

/**
 * One actor on a worker: its state and the messages it has not processed yet, handled one at a time
 * in order. Awaiting inside `receive` only suspends this actor; the other actors on the thread go on.
 */
export class ActorRunner {
  #queue: Queued[] = [];
  #head = 0;
  #running = false;
  #dead = false;
  #openDone: DoneMessage | undefined;
  #openGeneration = -1;

  constructor(
    readonly actorId: string,
    readonly incarnation: number,
    private readonly behaviour: AnyBehaviour,
    private state: unknown,
    private readonly ctx: ActorContext,
    private readonly outbox: Batcher<FromWorker>,
  ) {}

  /** Stops processing; whatever is still queued is the main thread's to re-queue or dead-letter. */
  kill(): void {
    this.#dead = true;
    this.#queue = [];
    this.#head = 0;
  }

  deliver(messages: unknown[], asks: number[]): void {
    if (this.#dead) return;
    const asked = new Set(asks);
    messages.forEach((message, index) => this.#queue.push({ message, ask: asked.has(index) }));
    if (!this.#running) void this.#run();
  }

  #next(): Queued | undefined {
    if (this.#head >= this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
      return undefined;
    }
    return this.#queue[this.#head++];
  }

  async #run(): Promise<void> {
    this.#running = true;
    const { actorId, incarnation } = this;
    for (let queued = this.#next(); queued && !this.#dead; queued = this.#next()) {
      const parsed = this.behaviour.messages.safeParse(queued.message);
      if (!parsed.success) {
        const issues = parsed.error.issues.map(
          (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
        );
        this.#post({
          t: 'rejected',
          actorId,
          incarnation,
          error: new InvalidMessageError(actorId, issues.join('; ')).toJSON(),
        });
        continue;
      }
      let step: Step<unknown>;
      try {
        const result = this.behaviour.receive(this.state, parsed.data, this.ctx);
        step = isPromise(result) ? await result : result;
      } catch (error) {
        if (this.#dead) break;
        this.kill();
        this.#post({ t: 'crashed', actorId, incarnation, error: serializeError(error) });
        break;
      }
      if (this.#dead) break;
      this.state = step.state;
      this.#done(queued.ask, step.reply);
    }
    this.#running = false;
  }

  // Consecutive completions before the next flush share one `done` record: one small object per
  // batch instead of one per message is what lets a window cross the port cheaply.
  #done(ask: boolean, reply: unknown): void {
    const deferred = isPromise(reply) ? this.#defer(ask, reply) : undefined;
    const value = deferred === undefined ? reply : null;
    let done = this.#openDone;
    if (done && this.#openGeneration === this.outbox.generation) {
      done.count++;
    } else {
      done = { t: 'done', actorId: this.actorId, incarnation: this.incarnation, count: 1, replies: [] };
      this.#openDone = done;
      this.#openGeneration = this.outbox.generation;
      this.outbox.push(done);
    }
    if (!ask) return;
    if (deferred !== undefined) (done.deferred ??= []).push([done.replies.length, deferred]);
    done.replies.push(value);
  }

  /** Settles a promised reply later; a tell's promise is only watched, so its failure is logged, not lost. */
  #defer(ask: boolean, reply: Promise<unknown>): number | undefined {
    if (!ask) {
      reply.catch((error: unknown) =>
        this.ctx.log.error('deferred work failed', { error: serializeError(error) }),
      );
      return undefined;
    }
    const id = nextDeferredId++;
    reply.then(
      (value) => this.#post({ t: 'settled', id, ok: true, value }),
      (error: unknown) => this.#post({ t: 'settled', id, ok: false, error: serializeError(error) }),
    );
    return id;
  }

  #post(message: FromWorker): void {
    this.#openDone = undefined;
    this.outbox.push(message);
  }
}
