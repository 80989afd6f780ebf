import type { z } from 'zod';

/** Mailbox lanes, served strictly in this order, FIFO within a lane. */
export const PRIORITIES = ['urgent', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface SendOptions {
  priority?: Priority;
  /** Messages with the same key stay on one instance of a pool while that key has work in flight. */
  key?: string;
}

export interface AskOptions extends SendOptions {
  timeoutMs?: number;
}

export interface ActorLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * What a behaviour sees of the world. It runs on a worker thread, so everything here crosses a thread
 * boundary: arguments and replies must be structured-cloneable.
 */
export interface ActorContext {
  readonly self: { readonly id: string; readonly type: string; readonly thread: number };
  /** The pool's `config`, as given at spawn. */
  readonly config: unknown;
  /** Fire and forget. A refusal (full mailbox, unknown target) lands in the dead-letter log. */
  tell(target: string, message: unknown, options?: SendOptions): void;
  /** Request/response to an actor id or a pool type; rejects with a SwarmError (rebuilt from its code). */
  ask<R = unknown>(target: string, message: unknown, options?: AskOptions): Promise<R>;
  /** Calls a service the host process registered (`services` in the system options). */
  call<R = unknown>(service: string, method: string, ...args: unknown[]): Promise<R>;
  /** Publishes an event to the host's listeners of `topic` (see `ActorSystem.on`). */
  emit(topic: string, event: unknown): void;
  /** The latest value the host replicated under `key` with `ActorSystem.setShared`. */
  shared<T = unknown>(key: string): T | undefined;
  readonly log: ActorLogger;
}

export interface Step<State> {
  state: State;
  /**
   * Sent back to the asker; ignored for `tell`. A promise here is a deferred reply (Akka's `pipeTo`):
   * the actor takes its next message at once and the asker gets the value when the promise settles,
   * or its rejection as the ask's error (not a crash: the state was already returned). This is how a
   * behaviour waits on other actors or on I/O without holding its mailbox.
   */
  reply?: unknown;
}

/**
 * A behaviour is a pure description: initial state, the message protocol, and how one message turns
 * the state into the next state (and maybe a reply). The runtime hosts it; the behaviour never sees a
 * thread, a mailbox or a supervisor.
 */
export interface Behaviour<State, Message> {
  readonly messages: z.ZodType<Message>;
  init(ctx: ActorContext): State | Promise<State>;
  receive(state: State, message: Message, ctx: ActorContext): Step<State> | Promise<Step<State>>;
}

export function defineBehaviour<State, Message>(
  behaviour: Behaviour<State, Message>,
): Behaviour<State, Message> {
  return behaviour;
}

/** Where a worker finds a behaviour: a module URL (`import.meta.url`-relative) and its export name. */
export interface BehaviourRef {
  module: string;
  export: string;
}
