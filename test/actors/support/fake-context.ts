import { DESK_SHARED_KEY } from '../../../src/actors/index.js';
import type { ActorContext, ActorLogger, AskOptions } from '../../../src/runtime/index.js';
import { demoProfile } from '../../support/demo-desk.js';

export interface Sent {
  target: string;
  message: unknown;
  options: AskOptions | undefined;
}

export interface FakeContextOptions {
  id?: string;
  type?: string;
  config?: unknown;
  /** Answers `ctx.ask(target, message)`; throw to simulate a failure. */
  ask?: (target: string, message: unknown, options: AskOptions | undefined) => unknown;
  /** Answers `ctx.call(service, method, ...args)`. */
  call?: (service: string, method: string, args: unknown[]) => unknown;
  /** Shared values the host replicated; the demo desk's profile unless given. */
  shared?: Record<string, unknown>;
}

const silent: ActorLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** The behaviour's own seam: an ActorContext that records what the behaviour sends, emits and calls. */
export function fakeContext(options: FakeContextOptions = {}) {
  const asked: Sent[] = [];
  const emitted: Array<{ topic: string; event: unknown }> = [];
  const calls: Array<{ service: string; method: string; args: unknown[] }> = [];
  const ctx: ActorContext = {
    self: { id: options.id ?? 'test-1', type: options.type ?? 'test', thread: 1 },
    config: options.config,
    tell(target, message, sendOptions) {
      asked.push({ target, message, options: sendOptions });
    },
    async ask<R>(target: string, message: unknown, askOptions?: AskOptions): Promise<R> {
      asked.push({ target, message, options: askOptions });
      if (!options.ask) throw new Error(`unexpected ask to ${target}`);
      return (await options.ask(target, message, askOptions)) as R;
    },
    async call<R>(service: string, method: string, ...args: unknown[]): Promise<R> {
      calls.push({ service, method, args });
      if (!options.call) throw new Error(`unexpected call ${service}.${method}`);
      return (await options.call(service, method, args)) as R;
    },
    emit(topic, event) {
      emitted.push({ topic, event });
    },
    shared<T>(key: string): T | undefined {
      const shared: Record<string, unknown> = { [DESK_SHARED_KEY]: demoProfile(), ...options.shared };
      return shared[key] as T | undefined;
    },
    log: silent,
  };
  return { ctx, asked, emitted, calls };
}
