import type { LlmHealth } from '../../llm/index.js';
import { sseFrame } from '../sse-frames.js';
import type { ConsoleRecorder } from './recorder.js';
import type { ConsoleEvent, TicketQueueView } from './schemas.js';

/** Queries sent in one tick at most: the list shows the latest few, not every query of a busy second. */
const QUERIES_PER_TICK = 25;

const CONSOLE_FEED_DEFAULTS = {
  tickMs: 1000,
  /**
   * Listing tickets sorts the whole queue, which grows with every escalation: it is read for every
   * console at once, this often, instead of by each console.
   */
  ticketsMs: 10_000,
} as const;

export interface ConsoleFeed {
  /** Receives SSE frames (already serialised) once a tick until unsubscribed. */
  subscribe(listener: (frame: string) => void): () => void;
  readonly subscribers: number;
}

/**
 * One timer and one serialisation per tick, shared by every open console: fifty consoles cost fifty
 * socket writes a second, not fifty times the work. The timers run only while someone is subscribed.
 */
export function createConsoleFeed(
  recorder: ConsoleRecorder,
  tickets: () => Promise<TicketQueueView>,
  /** The LLM client now; undefined offline. Read at every tick. */
  llm: () => LlmHealth | undefined,
  options: { tickMs?: number; ticketsMs?: number } = {},
): ConsoleFeed {
  const { tickMs, ticketsMs } = { ...CONSOLE_FEED_DEFAULTS, ...options };
  const listeners = new Set<(frame: string) => void>();
  let timer: NodeJS.Timeout | undefined;
  let ticketTimer: NodeJS.Timeout | undefined;
  let ticketsFrame: string | undefined;
  let reading = false;
  let position = recorder.queries.position;
  let sentUpTo = 0;

  // A tick carries every second ended since the last one, so a late timer never leaves a gap.
  const tick = () => {
    const traffic = recorder.traffic.points(sentUpTo);
    const event: ConsoleEvent = {
      type: 'tick',
      traffic,
      queries: recorder.queries.since(position, QUERIES_PER_TICK),
      llm: llm() ?? null,
    };
    sentUpTo = traffic.at(-1)?.at ?? sentUpTo;
    position = recorder.queries.position;
    const frame = sseFrame(event.type, event);
    for (const listener of listeners) listener(frame);
  };

  // A read still under way when the next is due is not doubled; a failed read keeps the last view.
  const readTickets = async () => {
    if (reading) return;
    reading = true;
    try {
      const view = await tickets();
      const event: ConsoleEvent = { type: 'tickets', ...view };
      ticketsFrame = sseFrame(event.type, event);
      for (const listener of listeners) listener(ticketsFrame);
    } catch {
      /* the queue's store is unavailable for now: /readyz says so, the console keeps what it had */
    } finally {
      reading = false;
    }
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (timer === undefined) {
        position = recorder.queries.position;
        sentUpTo = recorder.traffic.points().at(-1)?.at ?? 0;
        timer = setInterval(tick, tickMs);
        timer.unref();
        ticketTimer = setInterval(() => void readTickets(), ticketsMs);
        ticketTimer.unref();
        // A view from before nobody watched may be stale.
        ticketsFrame = undefined;
        void readTickets();
      } else if (ticketsFrame !== undefined) {
        listener(ticketsFrame);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          clearInterval(timer);
          clearInterval(ticketTimer);
          timer = undefined;
          ticketTimer = undefined;
        }
      };
    },
    get subscribers() {
      return listeners.size;
    },
  };
}
