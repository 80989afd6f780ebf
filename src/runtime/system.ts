import { whenStarted, type ActorCell } from './actor-cell.js';
import type { AskOptions, SendOptions } from './behaviour.js';
import { Dispatcher } from './dispatcher.js';
import { serializeError } from './error-codec.js';
import {
  ActorNotFoundError,
  ActorStoppedError,
  InvalidOptionsError,
  NotCloneableError,
  ShuttingDownError,
  ThreadExitedError,
} from './errors.js';
import { Kernel } from './kernel.js';
import { RUNTIME_DEFAULTS, resolveOptions, resolvePoolSpec } from './options.js';
import { Pool } from './pool.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { Scaler } from './scaler.js';
import { callService } from './services.js';
import { Supervisor } from './supervisor.js';
import type {
  ActorStatus,
  ActorSystem,
  ActorSystemOptions,
  DeadLetter,
  PoolSpec,
  ShutdownReport,
  SystemEvent,
} from './system-types.js';
import { ThreadHost } from './thread-host.js';

/**
 * The actor system as callers see it: it wires the dispatcher (message path), the supervisor
 * (restarts, threads) and the scaler (pool sizes) over one kernel, and relays what workers report.
 */
class Runtime implements ActorSystem {
  readonly #kernel: Kernel;
  readonly #dispatcher: Dispatcher;
  readonly #supervisor: Supervisor;
  readonly #scaler: Scaler;
  #shutdown: Promise<ShutdownReport> | undefined;
  #drainWaiter: (() => void) | undefined;

  constructor(kernel: Kernel) {
    this.#kernel = kernel;
    this.#dispatcher = new Dispatcher(kernel, (cell) => this.#scaler.retireIfLeaving(cell));
    this.#supervisor = new Supervisor(kernel, this.#dispatcher, () => this.#startThread());
    this.#scaler = new Scaler(kernel, this.#supervisor);
  }

  readonly deadLetters = {
    list: (limit?: number): DeadLetter[] => this.#kernel.letters.list(limit),
    count: (): number => this.#kernel.letters.count(),
  };

  async boot(): Promise<void> {
    const threads = Array.from({ length: this.#kernel.options.threads }, () => this.#startThread());
    this.#kernel.threads = threads;
    try {
      await Promise.all(threads.map((thread) => thread.online()));
    } catch (error) {
      // A thread that cannot even load the host will not do better when replaced: give up cleanly.
      this.#kernel.closed = true;
      await Promise.all(this.#kernel.threads.map((thread) => thread.close()));
      throw error;
    }
    this.#scaler.start();
  }

  tell(target: string, message: unknown, options?: SendOptions): void {
    if (this.#kernel.shuttingDown) throw new ShuttingDownError();
    this.#dispatcher.send(target, message, options, undefined);
  }

  ask<R = unknown>(target: string, message: unknown, options?: AskOptions): Promise<R> {
    if (this.#kernel.shuttingDown) return Promise.reject(new ShuttingDownError());
    return this.#dispatcher.ask(target, message, options) as Promise<R>;
  }

  // ---- what workers report -----------------------------------------------------------------------

  #startThread(): ThreadHost {
    const kernel = this.#kernel;
    const thread = new ThreadHost({ shared: [...kernel.shared] }, kernel.options.resourceLimits, {
      onMessages: (host, batch) => this.#onMessages(host, batch),
      onUnsendable: (_host, message, error) => this.#onUnsendable(message, error),
      onExit: (host, code, error) => {
        this.#dispatcher.failDeferred(host.id, new ThreadExitedError(host.id, code, error?.message).toJSON());
        this.#supervisor.onThreadExit(host, code, error);
      },
    });
    thread.online().then(
      () => {
        if (thread.alive) kernel.publish({ type: 'thread.started', at: kernel.now(), thread: thread.id });
      },
      // The exit itself reaches the supervisor through onExit.
      () => {},
    );
    return thread;
  }

  #current(actorId: string, incarnation: number): ActorCell | undefined {
    const cell = this.#kernel.cells.get(actorId);
    return cell && cell.incarnation === incarnation ? cell : undefined;
  }

  #onMessages(thread: ThreadHost, batch: FromWorker[]): void {
    for (const message of batch) {
      switch (message.t) {
        case 'ready':
          break;
        case 'spawned': {
          const cell = this.#current(message.actorId, message.incarnation);
          if (cell) this.#supervisor.onSpawned(cell);
          break;
        }
        case 'spawnFailed': {
          const cell = this.#current(message.actorId, message.incarnation);
          if (cell) this.#supervisor.onCrash(cell, undefined, message.error);
          break;
        }
        case 'done': {
          const cell = this.#current(message.actorId, message.incarnation);
          if (cell) this.#dispatcher.onDone(cell, message);
          break;
        }
        case 'rejected': {
          const cell = this.#current(message.actorId, message.incarnation);
          if (cell) this.#dispatcher.onRejected(cell, message.error);
          break;
        }
        case 'crashed': {
          const cell = this.#current(message.actorId, message.incarnation);
          if (cell) this.#supervisor.onCrash(cell, cell.inFlight[0], message.error);
          break;
        }
        case 'tell':
          this.#dispatcher.relayTell(message.target, message.message, message.options);
          break;
        case 'ask':
          this.#reply(
            thread,
            message.callId,
            this.#dispatcher.ask(message.target, message.message, message.options),
          );
          break;
        case 'call':
          this.#reply(
            thread,
            message.callId,
            callService(this.#kernel.options.services, message.service, message.method, message.args),
          );
          break;
        case 'emit':
          this.#kernel.bus.emit(message.topic, message.event);
          break;
        case 'settled':
          this.#dispatcher.onSettled(thread.id, message);
          break;
        case 'log':
          this.#kernel.options.logger[message.level](message.msg, {
            ...message.fields,
            actorId: message.from,
          });
          break;
      }
    }
    if (this.#drainWaiter && this.#kernel.pending() === 0) this.#drainWaiter();
  }

  #reply(thread: ThreadHost, callId: number, result: Promise<unknown>): void {
    result.then(
      (value) => thread.post({ t: 'reply', callId, ok: true, value }),
      (error: unknown) => thread.post({ t: 'reply', callId, ok: false, error: serializeError(error) }),
    );
  }

  #onUnsendable(message: ToWorker, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    switch (message.t) {
      case 'reply': {
        // The waiting behaviour is on one of the threads; call ids are per thread, so tell them all.
        const refusal = new NotCloneableError('reply', reason).toJSON();
        for (const thread of this.#kernel.threads) {
          thread.post({ t: 'reply', callId: message.callId, ok: false, error: refusal });
        }
        return;
      }
      case 'deliver': {
        const cell = this.#current(message.actorId, message.incarnation);
        if (cell) this.#dispatcher.onUndeliverable(cell, message);
        return;
      }
      default:
        this.#kernel.options.logger.error('message to worker not cloneable', { kind: message.t, reason });
    }
  }

  // ---- pools and controls ------------------------------------------------------------------------

  async spawn(spec: PoolSpec): Promise<string[]> {
    const kernel = this.#kernel;
    if (kernel.shuttingDown) throw new ShuttingDownError();
    const resolved = resolvePoolSpec(spec, kernel.options);
    if (kernel.pools.has(resolved.type) || kernel.cells.has(resolved.type)) {
      throw new InvalidOptionsError(`a pool or actor named ${resolved.type} already exists`, {
        type: resolved.type,
      });
    }
    const pool = new Pool(resolved);
    kernel.pools.set(pool.type, pool);
    const cells = Array.from({ length: resolved.instances.initial }, () => this.#scaler.addInstance(pool));
    await whenStarted(cells);
    return cells.map((cell) => cell.id);
  }

  #cell(id: string): ActorCell {
    const cell = this.#kernel.cells.get(id);
    if (!cell) throw new ActorNotFoundError(id);
    return cell;
  }

  async restart(id: string): Promise<void> {
    const cell = this.#cell(id);
    if (!cell.accepting) return this.start(id);
    // A manual restart is not a crash: in-flight work goes back to the mailbox without an attempt.
    cell.mailbox.requeueFront(cell.inFlight);
    cell.inFlight = [];
    cell.restarts++;
    this.#kernel.publish({ type: 'actor.restarted', at: this.#kernel.now(), id, attempt: 0, error: null });
    this.#supervisor.spawn(cell, cell.thread?.alive ? cell.thread : this.#supervisor.pickThread());
    await whenStarted([cell]);
  }

  async stop(id: string): Promise<void> {
    const cell = this.#cell(id);
    if (cell.lifecycle === 'stopped') return;
    this.#supervisor.detach(cell);
    cell.lifecycle = 'stopped';
    this.#kernel.flushMailbox(cell, new ActorStoppedError(id, 'stopped'));
    cell.notifySettled();
    this.#kernel.statuses.mark(id);
    this.#kernel.publish({ type: 'actor.stopped', at: this.#kernel.now(), id });
  }

  async start(id: string): Promise<void> {
    if (this.#kernel.shuttingDown) throw new ShuttingDownError();
    const cell = this.#cell(id);
    if (cell.accepting) return;
    cell.policy.reset();
    cell.lastError = null;
    this.#supervisor.spawn(cell, this.#supervisor.pickThread());
    await whenStarted([cell]);
  }

  async scale(type: string, instances: number): Promise<string[]> {
    const pool = this.#kernel.pools.get(type);
    if (!pool) throw new ActorNotFoundError(type);
    const { min, max } = pool.spec.instances;
    if (!Number.isInteger(instances) || instances < min || instances > max) {
      throw new InvalidOptionsError(
        `pool ${type} scales between ${min} and ${max} instances, not ${instances}`,
        {
          type,
          min,
          max,
          instances,
        },
      );
    }
    await this.#scaler.scaleTo(pool, instances, 'manual');
    return pool.active().map((cell) => cell.id);
  }

  // ---- observation -------------------------------------------------------------------------------

  status(): ActorStatus[] {
    return [...this.#kernel.cells.values()].map((cell) => cell.status());
  }

  subscribe(listener: (event: SystemEvent) => void): () => void {
    return this.#kernel.bus.subscribe(listener);
  }

  on(topic: string, listener: (event: unknown) => void): () => void {
    return this.#kernel.bus.on(topic, listener);
  }

  setShared(key: string, value: unknown): void {
    this.#kernel.shared.set(key, value);
    for (const thread of this.#kernel.threads) thread.post({ t: 'shared', key, value });
  }

  // ---- shutdown ----------------------------------------------------------------------------------

  threads(): Array<{ thread: number; actors: string[] }> {
    return this.#kernel.threads.map((host) => ({ thread: host.id, actors: [...host.actors] }));
  }

  async killThread(thread?: number): Promise<number> {
    const alive = this.#kernel.threads.filter((host) => host.alive);
    const target =
      thread === undefined
        ? alive.reduce<ThreadHost | undefined>(
            (best, host) => (!best || host.actors.size > best.actors.size ? host : best),
            undefined,
          )
        : alive.find((host) => host.id === thread);
    if (!target) throw new InvalidOptionsError(`no live worker thread ${thread ?? ''}`.trim());
    await target.kill();
    return target.id;
  }

  shutdown(options?: { timeoutMs?: number }): Promise<ShutdownReport> {
    this.#shutdown ??= this.#drainAndClose(options?.timeoutMs ?? RUNTIME_DEFAULTS.shutdownTimeoutMs);
    return this.#shutdown;
  }

  async #drainAndClose(timeoutMs: number): Promise<ShutdownReport> {
    const kernel = this.#kernel;
    const { clock } = kernel.options;
    kernel.shuttingDown = true;
    this.#scaler.stop();
    const before = this.#dispatcher.processedTotal;
    if (kernel.pending() > 0) {
      await new Promise<void>((resolve) => {
        const timer = clock.setTimeout(() => resolve(), timeoutMs);
        this.#drainWaiter = () => {
          clock.clearTimeout(timer);
          resolve();
        };
      });
      this.#drainWaiter = undefined;
    }
    const drained = this.#dispatcher.processedTotal - before;
    kernel.closed = true;
    const returned: DeadLetter[] = [];
    for (const cell of kernel.cells.values()) {
      if (cell.restartTimer !== undefined) clock.clearTimeout(cell.restartTimer);
      cell.restartTimer = undefined;
      returned.push(...kernel.flushMailbox(cell, new ShuttingDownError()));
      cell.lifecycle = 'stopped';
      cell.notifySettled();
    }
    kernel.statuses.close();
    await Promise.all(kernel.threads.map((thread) => thread.close()));
    kernel.threads = [];
    return { drained, returned };
  }
}

export async function createActorSystem(options: ActorSystemOptions = {}): Promise<ActorSystem> {
  const runtime = new Runtime(new Kernel(resolveOptions(options)));
  await runtime.boot();
  return runtime;
}
