import { ActorCell, whenStarted } from './actor-cell.js';
import { decideScale } from './autoscaler.js';
import { serializeError } from './error-codec.js';
import { ActorStoppedError } from './errors.js';
import type { Kernel } from './kernel.js';
import type { Pool } from './pool.js';
import type { Supervisor } from './supervisor.js';

/**
 * Pool sizes: adds instances, retires them (newest first, once their mailboxes are empty) and runs
 * the autoscale loop on the injected clock.
 */
export class Scaler {
  #timer: unknown = undefined;
  readonly #leaving = new Map<ActorCell, () => void>();

  constructor(
    private readonly kernel: Kernel,
    private readonly supervisor: Supervisor,
  ) {}

  addInstance(pool: Pool): ActorCell {
    const cell = new ActorCell(pool.nextId(), pool.spec, this.kernel.now());
    pool.add(cell);
    this.kernel.cells.set(cell.id, cell);
    this.supervisor.spawn(cell, this.supervisor.pickThread());
    return cell;
  }

  /** Resolves once the added instances have started (or failed) and the retired ones have left. */
  async scaleTo(pool: Pool, to: number, reason: string): Promise<void> {
    const active = pool.active();
    const from = active.length;
    if (to === from) return;
    this.kernel.publish({
      type: 'pool.scaled',
      at: this.kernel.now(),
      poolType: pool.type,
      from,
      to,
      reason,
    });
    if (to > from) {
      await whenStarted(Array.from({ length: to - from }, () => this.addInstance(pool)));
      return;
    }
    const leaving = active.slice(to).reverse();
    await Promise.all(
      leaving.map(
        (cell) =>
          new Promise<void>((resolve) => {
            cell.retiring = true;
            this.#leaving.set(cell, resolve);
            if (cell.depth === 0) this.retireIfLeaving(cell);
          }),
      ),
    );
  }

  retireIfLeaving(cell: ActorCell): void {
    const done = this.#leaving.get(cell);
    if (!done || cell.depth > 0) return;
    this.#leaving.delete(cell);
    this.supervisor.detach(cell);
    cell.lifecycle = 'stopped';
    this.kernel.flushMailbox(cell, new ActorStoppedError(cell.id, 'stopped'));
    this.kernel.cells.delete(cell.id);
    this.kernel.pools.get(cell.type)?.remove(cell);
    this.kernel.publish({ type: 'actor.stopped', at: this.kernel.now(), id: cell.id });
    done();
  }

  start(): void {
    const settings = this.kernel.options.autoscale;
    if (!settings || this.kernel.shuttingDown) return;
    this.#timer = this.kernel.options.clock.setTimeout(() => {
      this.#timer = undefined;
      this.#tick();
      this.start();
    }, settings.intervalMs);
  }

  stop(): void {
    if (this.#timer !== undefined) this.kernel.options.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #tick(): void {
    const settings = this.kernel.options.autoscale;
    if (!settings) return;
    const now = this.kernel.now();
    for (const pool of this.kernel.pools.values()) {
      const { min, max } = pool.spec.instances;
      if (min === max) continue;
      const decision = decideScale({
        instances: pool.active().map((cell) => ({ depth: cell.depth, idleSince: cell.idleSince })),
        min,
        max,
        now,
        scaleUpDepth: settings.scaleUpDepth,
        idleMs: settings.idleMs,
      });
      if (decision) {
        this.scaleTo(pool, decision.to, decision.reason).catch((error: unknown) =>
          this.kernel.options.logger.warn('autoscale failed', {
            poolType: pool.type,
            error: serializeError(error),
          }),
        );
      }
    }
  }
}
