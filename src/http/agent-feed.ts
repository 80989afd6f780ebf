import type { Desk } from '../desk/index.js';
import type { SystemEvent } from '../runtime/index.js';
import { sseFrame } from './sse-frames.js';

/** How long the batched agent stream gathers changes: well within the second a screen needs. */
const AGENT_BATCH_MS = 500;

export interface AgentFeed {
  /** Receives the batch's SSE frames, serialised once for every listener, until unsubscribed. */
  subscribe(listener: (frames: string) => void): () => void;
}

/**
 * The agents' changes gathered for screens: one desk subscription however many watch, at most one
 * batch per `intervalMs`, and only each agent's latest status in it (a busy agent changes state on
 * every message; a person reads the last one). Other events keep their order. Nothing runs, and the
 * desk is not subscribed to, while nobody watches.
 */
export function createAgentFeed(agents: Desk['agents'], intervalMs: number = AGENT_BATCH_MS): AgentFeed {
  const listeners = new Set<(frames: string) => void>();
  // Insertion-ordered; a newer status of the same agent moves its entry to the end.
  const pending = new Map<string, SystemEvent>();
  let sequence = 0;
  let stop: (() => void) | undefined;

  const gather = (event: SystemEvent) => {
    const key = event.type === 'actor.status' ? `status:${event.status.id}` : `event:${sequence++}`;
    pending.delete(key);
    pending.set(key, event);
  };
  const flush = () => {
    if (pending.size === 0) return;
    let frames = '';
    for (const event of pending.values()) frames += sseFrame(event.type, event);
    pending.clear();
    for (const listener of listeners) listener(frames);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (stop === undefined) {
        const unsubscribe = agents.subscribe(gather);
        const timer = setInterval(flush, intervalMs);
        timer.unref();
        stop = () => {
          clearInterval(timer);
          unsubscribe();
          pending.clear();
        };
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stop !== undefined) {
          stop();
          stop = undefined;
        }
      };
    },
  };
}
