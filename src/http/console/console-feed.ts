import { sseFrame } from '../sse-frames.js';
import type { ConsoleRecorder } from './recorder.js';
import type { ConsoleEvent } from './schemas.js';

/** Queries sent in one tick at most: the list shows the latest few, not every query of a busy second. */
const QUERIES_PER_TICK = 25;

export interface ConsoleFeed {
  /** Receives SSE frames (already serialised) once a tick until unsubscribed. */
  subscribe(listener: (frame: string) => void): () => void;
  readonly subscribers: number;
}

/**
 * One timer and one serialisation per tick, shared by every open console: fifty consoles cost fifty
 * socket writes a second, not fifty times the work. The timer runs only while someone is subscribed.
 */
export function createConsoleFeed(recorder: ConsoleRecorder, intervalMs = 1000): ConsoleFeed {
  const listeners = new Set<(frame: string) => void>();
  let timer: NodeJS.Timeout | undefined;
  let position = recorder.queries.position;
  let sentUpTo = 0;

  // A tick carries every second ended since the last one, so a late timer never leaves a gap.
  const tick = () => {
    const traffic = recorder.traffic.points(sentUpTo);
    const event: ConsoleEvent = {
      type: 'tick',
      traffic,
      queries: recorder.queries.since(position, QUERIES_PER_TICK),
    };
    sentUpTo = traffic.at(-1)?.at ?? sentUpTo;
    position = recorder.queries.position;
    const frame = sseFrame(event.type, event);
    for (const listener of listeners) listener(frame);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (timer === undefined) {
        position = recorder.queries.position;
        sentUpTo = recorder.traffic.points().at(-1)?.at ?? 0;
        timer = setInterval(tick, intervalMs);
        timer.unref();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    get subscribers() {
      return listeners.size;
    },
  };
}
