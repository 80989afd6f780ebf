import type { Clock } from './system-types.js';

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface ManualClock extends Clock {
  /** Moves time forward, firing every timer that falls due, in due order (timers set meanwhile included). */
  advance(ms: number): void;
  /** Timers not yet fired. */
  pending(): number;
}

interface Timer {
  id: number;
  due: number;
  fn: () => void;
}

/** A clock driven by the test: supervision backoff and autoscale run without sleeping. */
export function createManualClock(start = 0): ManualClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, Timer>();
  const nextDue = (limit: number): Timer | undefined => {
    let found: Timer | undefined;
    for (const timer of timers.values()) {
      if (
        timer.due <= limit &&
        (!found || timer.due < found.due || (timer.due === found.due && timer.id < found.id))
      ) {
        found = timer;
      }
    }
    return found;
  };
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { id, due: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const target = now + ms;
      for (let timer = nextDue(target); timer; timer = nextDue(target)) {
        timers.delete(timer.id);
        now = timer.due;
        timer.fn();
      }
      now = target;
    },
    pending: () => timers.size,
  };
}
