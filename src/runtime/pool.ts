import type { ActorCell } from './actor-cell.js';
import { RUNTIME_DEFAULTS, type ResolvedPoolSpec } from './options.js';

interface KeyHold {
  cell: ActorCell;
  pending: number;
}

/**
 * The instances of one agent type and how messages addressed to the type pick one. A keyed message
 * goes where its key already has work queued or processing (so one key is handled in order); any
 * other message goes to the least-loaded instance.
 */
export class Pool {
  readonly cells: ActorCell[] = [];
  readonly #keys = new Map<string, KeyHold>();

  constructor(readonly spec: ResolvedPoolSpec) {}

  get type(): string {
    return this.spec.type;
  }

  /** Instances that take new work: not stopped, failed or retiring. */
  active(): ActorCell[] {
    return this.cells.filter((cell) => cell.accepting && !cell.retiring);
  }

  pick(key: string | undefined): ActorCell | undefined {
    if (key !== undefined) {
      const hold = this.#keys.get(key);
      if (hold) return hold.cell;
    }
    let best: ActorCell | undefined;
    for (const cell of this.cells) {
      if (!cell.accepting || cell.retiring) continue;
      if (!best || this.#load(cell) < this.#load(best)) best = cell;
    }
    return best;
  }

  /** Records one message of `key` on `cell`; the returned function is called once it is settled. */
  hold(key: string, cell: ActorCell): () => void {
    let hold = this.#keys.get(key);
    if (!hold) {
      hold = { cell, pending: 0 };
      this.#keys.set(key, hold);
    }
    hold.pending++;
    const current = hold;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      current.pending--;
      if (current.pending === 0 && this.#keys.get(key) === current) this.#keys.delete(key);
    };
  }

  nextId(): string {
    const taken = new Set(this.cells.map((cell) => cell.id));
    for (let n = 1; ; n++) {
      const id = `${this.type}-${n}`;
      if (!taken.has(id)) return id;
    }
  }

  add(cell: ActorCell): void {
    this.cells.push(cell);
  }

  remove(cell: ActorCell): void {
    const index = this.cells.indexOf(cell);
    if (index >= 0) this.cells.splice(index, 1);
  }

  // A restarting instance keeps its mailbox but cannot process yet: weigh it as if one window behind.
  #load(cell: ActorCell): number {
    return cell.depth + (cell.lifecycle === 'running' ? 0 : RUNTIME_DEFAULTS.dispatchWindow);
  }
}
