import { rebuildError } from './error-codec.js';
import { SwarmError, type SerializedError } from './errors.js';
import { Mailbox, type Envelope } from './mailbox.js';
import type { ResolvedPoolSpec } from './options.js';
import { RestartPolicy } from './restart-policy.js';
import type { ActorState, ActorStatus } from './system-types.js';
import type { ThreadHost } from './thread-host.js';

/** Where the actor is in its life; `idle`/`busy` are derived from the in-flight work while `running`. */
export type Lifecycle = 'starting' | 'running' | 'restarting' | 'stopped' | 'failed';

/**
 * The main-thread half of an actor: its mailbox, the messages a worker is processing, counters and
 * supervision state. Its behaviour state lives on the worker, so this survives the worker's death.
 */
export class ActorCell {
  readonly mailbox: Mailbox;
  readonly policy: RestartPolicy;
  /** Handed to the worker and not yet settled, oldest first. */
  inFlight: Envelope[] = [];
  lifecycle: Lifecycle = 'starting';
  thread: ThreadHost | null = null;
  /** Bumped on every (re)spawn and stop, so late messages from an earlier incarnation are ignored. */
  incarnation = 0;
  processed = 0;
  failed = 0;
  restarts = 0;
  lastError: SerializedError | null = null;
  restartTimer: unknown = undefined;
  /** Leaving the pool (scale down): takes no new unkeyed messages, removed once empty. */
  retiring = false;
  idleSince: number;
  /** Milliseconds per message, smoothed: the basis of the retry hint a full mailbox gives. */
  msPerMessage = 1;
  dispatchedAt = 0;
  dispatchedCount = 0;
  #settledWaiters: Array<() => void> = [];

  constructor(
    readonly id: string,
    readonly spec: ResolvedPoolSpec,
    now: number,
  ) {
    this.mailbox = new Mailbox(spec.capacity);
    this.policy = new RestartPolicy(spec.supervision);
    this.idleSince = now;
  }

  get type(): string {
    return this.spec.type;
  }

  get depth(): number {
    return this.mailbox.size + this.inFlight.length;
  }

  get accepting(): boolean {
    return this.lifecycle !== 'stopped' && this.lifecycle !== 'failed';
  }

  get state(): ActorState {
    if (this.lifecycle === 'running') return this.inFlight.length > 0 ? 'busy' : 'idle';
    return this.lifecycle;
  }

  /** Resolves once the actor is running, failed or stopped (a spawn or start has settled). */
  settled(): Promise<void> {
    if (this.lifecycle !== 'starting' && this.lifecycle !== 'restarting') return Promise.resolve();
    return new Promise((resolve) => this.#settledWaiters.push(resolve));
  }

  notifySettled(): void {
    const waiters = this.#settledWaiters;
    this.#settledWaiters = [];
    for (const waiter of waiters) waiter();
  }

  status(): ActorStatus {
    return {
      id: this.id,
      type: this.type,
      state: this.state,
      mailbox: { depth: this.depth, capacity: this.mailbox.capacity },
      processed: this.processed,
      failed: this.failed,
      restarts: this.restarts,
      lastError: this.lastError,
      thread: this.thread?.id ?? null,
    };
  }
}

/** Resolves once every cell has started; rejects with SPAWN_FAILED if any of them failed instead. */
export async function whenStarted(cells: ActorCell[]): Promise<void> {
  await Promise.all(cells.map((cell) => cell.settled()));
  const failed = cells.find((cell) => cell.lifecycle === 'failed');
  if (!failed) return;
  const cause = failed.lastError ? rebuildError(failed.lastError) : undefined;
  throw new SwarmError('SPAWN_FAILED', `actor ${failed.id} failed to start: ${cause?.message ?? 'unknown'}`, {
    cause,
    details: { actorId: failed.id },
  });
}
