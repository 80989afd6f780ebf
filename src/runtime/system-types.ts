import type { ResourceLimits } from 'node:worker_threads';
import type { ActorLogger, AskOptions, BehaviourRef, SendOptions } from './behaviour.js';
import type { SerializedError } from './errors.js';

export const ACTOR_STATES = ['starting', 'idle', 'busy', 'restarting', 'stopped', 'failed'] as const;
export type ActorState = (typeof ACTOR_STATES)[number];

export interface ActorStatus {
  id: string;
  type: string;
  state: ActorState;
  mailbox: { depth: number; capacity: number };
  processed: number;
  failed: number;
  restarts: number;
  lastError: SerializedError | null;
  thread: number | null;
}

export interface SupervisionOptions {
  /** Restart intensity: at most `maxRestarts` within `withinMs`, then the actor is `failed`. */
  maxRestarts?: number;
  withinMs?: number;
  backoff?: { minMs?: number; maxMs?: number; factor?: number; jitter?: number };
}

export interface PoolSpec {
  type: string;
  behaviour: BehaviourRef;
  config?: unknown;
  instances?: { min?: number; max?: number; initial?: number };
  mailbox?: { capacity?: number };
  supervision?: SupervisionOptions;
}

export interface DeadLetter {
  at: number;
  target: string;
  message: unknown;
  reason: SerializedError;
}

export type SystemEvent =
  | { type: 'actor.status'; at: number; status: ActorStatus }
  | { type: 'actor.restarted'; at: number; id: string; attempt: number; error: SerializedError | null }
  | { type: 'actor.failed'; at: number; id: string; error: SerializedError | null }
  | { type: 'actor.stopped'; at: number; id: string }
  | { type: 'actor.started'; at: number; id: string; thread: number }
  | { type: 'pool.scaled'; at: number; poolType: string; from: number; to: number; reason: string }
  | { type: 'thread.exited'; at: number; thread: number; code: number | null; error: SerializedError | null }
  | { type: 'thread.started'; at: number; thread: number }
  | { type: 'deadletter'; at: number; letter: DeadLetter };

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

type ServiceMethod = (...args: never[]) => unknown;
export type Service = Record<string, ServiceMethod>;

export interface ActorSystemOptions {
  /** Worker threads hosting behaviours; default `os.availableParallelism()`. */
  threads?: number;
  clock?: Clock;
  logger?: ActorLogger;
  /** Observer of every system event (the same stream `subscribe` gives). */
  inspect?: (event: SystemEvent) => void;
  /** Host-side functions behaviours reach with `ctx.call(service, method, ...args)`. */
  services?: Record<string, Service>;
  defaults?: {
    mailboxCapacity?: number;
    askTimeoutMs?: number;
    supervision?: SupervisionOptions;
  };
  autoscale?: { intervalMs?: number; scaleUpDepth?: number; idleMs?: number } | false;
  /** Heap limits per worker thread, each over its default; a thread that exceeds them dies and is replaced. */
  resourceLimits?: ResourceLimits;
}

export interface ShutdownReport {
  drained: number;
  returned: DeadLetter[];
}

export interface ActorSystem {
  /** Spawns a pool of `type` (instances `type-1`, `type-2`, ...); resolves with their ids. */
  spawn(spec: PoolSpec): Promise<string[]>;
  /** Throws MailboxFullError, ActorNotFoundError or ShuttingDownError synchronously. */
  tell(target: string, message: unknown, options?: SendOptions): void;
  ask<R = unknown>(target: string, message: unknown, options?: AskOptions): Promise<R>;
  restart(id: string): Promise<void>;
  stop(id: string): Promise<void>;
  start(id: string): Promise<void>;
  scale(type: string, instances: number): Promise<string[]>;
  status(): ActorStatus[];
  subscribe(listener: (event: SystemEvent) => void): () => void;
  on(topic: string, listener: (event: unknown) => void): () => void;
  setShared(key: string, value: unknown): void;
  /** The worker threads and the actors each hosts. */
  threads(): Array<{ thread: number; actors: string[] }>;
  /**
   * Terminates a worker thread as a crash would (for fault drills): the supervisor replaces it and
   * restarts its actors elsewhere. Without `thread`, the one hosting the most actors.
   */
  killThread(thread?: number): Promise<number>;
  readonly deadLetters: { list(limit?: number): DeadLetter[]; count(): number };
  shutdown(options?: { timeoutMs?: number }): Promise<ShutdownReport>;
}
