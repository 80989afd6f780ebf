/**
 * The messages between the main thread and a worker thread, and nothing else. Each side posts arrays
 * (one per flush) of these. The protocol is internal to the runtime, so it is typed rather than parsed;
 * what a caller sends to an actor is validated on the worker by the behaviour's own zod schema.
 */
import type { AskOptions, BehaviourRef, SendOptions } from './behaviour.js';
import type { SerializedError } from './errors.js';

export interface WorkerBootData {
  shared: Array<[string, unknown]>;
}

export type ToWorker =
  | {
      t: 'spawn';
      actorId: string;
      type: string;
      incarnation: number;
      behaviour: BehaviourRef;
      config: unknown;
    }
  /**
   * A window of messages for one actor, processed in order. `asks` lists the indexes whose sender
   * waits for a reply; a `tell` gets none posted back.
   */
  | { t: 'deliver'; actorId: string; incarnation: number; messages: unknown[]; asks: number[] }
  | { t: 'stop'; actorId: string; incarnation: number }
  | { t: 'reply'; callId: number; ok: true; value: unknown }
  | { t: 'reply'; callId: number; ok: false; error: SerializedError }
  | { t: 'shared'; key: string; value: unknown };

/**
 * The next `count` in-flight messages of an actor were processed. Messages are positional: a worker
 * handles an actor's messages in delivery order, so no ids cross the port. `replies` holds, in order,
 * the replies to those of them that were asks; `unsendable` marks replies that could not be cloned.
 */
export interface DoneMessage {
  t: 'done';
  actorId: string;
  incarnation: number;
  count: number;
  replies: unknown[];
  unsendable?: Array<[index: number, error: SerializedError]>;
  /** Replies the behaviour will settle later: the reply at `index` is a placeholder for `settled` `id`. */
  deferred?: Array<[index: number, id: number]>;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type FromWorker =
  /** The host module is loaded and listening. */
  | { t: 'ready' }
  | { t: 'spawned'; actorId: string; incarnation: number }
  | { t: 'spawnFailed'; actorId: string; incarnation: number; error: SerializedError }
  | DoneMessage
  /** The next in-flight message was refused without running the behaviour (invalid): not a crash. */
  | { t: 'rejected'; actorId: string; incarnation: number; error: SerializedError }
  /** The behaviour threw on the next in-flight message; the worker dropped the actor's state. */
  | { t: 'crashed'; actorId: string; incarnation: number; error: SerializedError }
  | { t: 'tell'; from: string; target: string; message: unknown; options: SendOptions | undefined }
  | {
      t: 'ask';
      callId: number;
      from: string;
      target: string;
      message: unknown;
      options: AskOptions | undefined;
    }
  | { t: 'call'; callId: number; from: string; service: string; method: string; args: unknown[] }
  | { t: 'emit'; from: string; topic: string; event: unknown }
  /** A deferred reply (see DoneMessage.deferred) settled. */
  | { t: 'settled'; id: number; ok: true; value: unknown }
  | { t: 'settled'; id: number; ok: false; error: SerializedError }
  | { t: 'log'; from: string; level: LogLevel; msg: string; fields: Record<string, unknown> | undefined };
