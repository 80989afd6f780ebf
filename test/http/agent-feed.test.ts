import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAgentFeed } from '../../src/http/agent-feed.js';
import type { ActorStatus, SystemEvent } from '../../src/runtime/index.js';
import { parseSse } from './helpers.js';

function status(id: string, state: ActorStatus['state'], processed = 0): SystemEvent {
  return {
    type: 'actor.status',
    at: 0,
    status: {
      id,
      type: id.split('-')[0] ?? id,
      state,
      mailbox: { depth: 0, capacity: 8 },
      processed,
      failed: 0,
      restarts: 0,
      lastError: null,
      thread: 1,
    },
  };
}

function fakeAgents() {
  const listeners = new Set<(event: SystemEvent) => void>();
  return {
    listeners,
    emit: (event: SystemEvent) => listeners.forEach((listener) => listener(event)),
    agents: {
      subscribe(listener: (event: SystemEvent) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
}

describe('batched agent feed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('subscribes to the desk once, and only while someone watches', () => {
    const desk = fakeAgents();
    const feed = createAgentFeed(desk.agents as never, 500);
    expect(desk.listeners.size).toBe(0);
    const first = feed.subscribe(() => {});
    const second = feed.subscribe(() => {});
    expect(desk.listeners.size).toBe(1);
    first();
    second();
    expect(desk.listeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("sends each agent's latest status once a batch, the same frames to every watcher", () => {
    const desk = fakeAgents();
    const feed = createAgentFeed(desk.agents as never, 500);
    const a: string[] = [];
    const b: string[] = [];
    feed.subscribe((frames) => a.push(frames));
    feed.subscribe((frames) => b.push(frames));

    desk.emit(status('router-1', 'busy', 1));
    desk.emit(status('billing-1', 'busy', 1));
    desk.emit({ type: 'actor.restarted', at: 1, id: 'technical-1', attempt: 0, error: null });
    desk.emit(status('router-1', 'idle', 2));
    expect(a).toEqual([]);
    vi.advanceTimersByTime(500);

    expect(a).toHaveLength(1);
    expect(b[0]).toBe(a[0]);
    const events = parseSse(a[0]!).events.map((e) => ({ event: e.event, data: JSON.parse(e.data) }));
    expect(events.map((e) => e.event)).toEqual(['actor.status', 'actor.restarted', 'actor.status']);
    expect(events[0]?.data.status).toMatchObject({ id: 'billing-1' });
    expect(events[2]?.data.status).toMatchObject({ id: 'router-1', state: 'idle', processed: 2 });

    vi.advanceTimersByTime(1500);
    expect(a).toHaveLength(1);
  });
});
