import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConsoleFeed, createConsoleRecorder, ConsoleEvent } from '../../../src/http/console/index.js';
import type { LlmHealth } from '../../../src/llm/index.js';
import type { Ticket } from '../../../src/domain/ticket.js';
import { sampleResult } from '../../blackboard/conformance.js';

const sampleTicket: Ticket = {
  schemaVersion: 1,
  ticketId: 'T-0',
  queryId: 'q-1',
  conversationId: 'c-1',
  customerId: 'CUST001',
  priority: 'high',
  department: 'escalation',
  language: 'en',
  reasons: ['legal_threat'],
  summary: 'wants a person',
  status: 'open',
  assignee: null,
  notes: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  dueBy: '2026-01-01T01:00:00.000Z',
};
import { parseSse } from '../helpers.js';

function events(frames: string[]): ConsoleEvent[] {
  return parseSse(frames.join('')).events.map((e) => ConsoleEvent.parse(JSON.parse(e.data)));
}

function ticks(frames: string[]) {
  return events(frames).filter((e) => e.type === 'tick');
}

const noTickets = async () => ({ assigned: [], open: [] });
const noLlm = () => undefined;

describe('console feed', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('runs no timer while nobody watches, and stops when the last watcher leaves', () => {
    const feed = createConsoleFeed(createConsoleRecorder(), noTickets, noLlm);
    expect(vi.getTimerCount()).toBe(0);
    const first = feed.subscribe(() => {});
    const second = feed.subscribe(() => {});
    expect(vi.getTimerCount()).toBe(2);
    first();
    expect(vi.getTimerCount()).toBe(2);
    second();
    expect(vi.getTimerCount()).toBe(0);
    expect(feed.subscribers).toBe(0);
  });

  it('sends every watcher the same frame each tick: the seconds ended and the queries answered since', () => {
    const recorder = createConsoleRecorder({ now: Date.now });
    const feed = createConsoleFeed(recorder, noTickets, noLlm, { tickMs: 1000 });
    recorder.observer.queryCompleted(sampleResult('before'));
    const a: string[] = [];
    const b: string[] = [];
    feed.subscribe((frame) => a.push(frame));
    feed.subscribe((frame) => b.push(frame));

    recorder.observer.queryCompleted(sampleResult('q-1'));
    recorder.observer.queryCompleted({ ...sampleResult('q-2'), escalated: true });
    vi.advanceTimersByTime(1000);
    expect(ticks(a)).toHaveLength(1);
    expect(b).toEqual(a);
    const [tick] = ticks(a);
    expect(tick).toMatchObject({ type: 'tick', traffic: [{ at: 1_000_000, queries: 3, escalations: 1 }] });
    expect(tick?.type === 'tick' && tick.queries.map((q) => q.queryId)).toEqual(['q-2', 'q-1']);

    vi.advanceTimersByTime(1000);
    const [, quiet] = ticks(a);
    expect(quiet).toMatchObject({ type: 'tick', traffic: [{ at: 1_001_000, queries: 0 }], queries: [] });
  });

  it("carries the LLM client's state as it is at each tick, and null offline", () => {
    let llm: LlmHealth | undefined = { breaker: 'closed', inFlight: 2, queued: 0, limit: 16 };
    const feed = createConsoleFeed(createConsoleRecorder({ now: Date.now }), noTickets, () => llm, {
      tickMs: 1000,
    });
    const frames: string[] = [];
    feed.subscribe((frame) => frames.push(frame));
    vi.advanceTimersByTime(1000);
    llm = { breaker: 'open', inFlight: 0, queued: 0, limit: 1 };
    vi.advanceTimersByTime(1000);
    llm = undefined;
    vi.advanceTimersByTime(1000);
    expect(ticks(frames).map((tick) => (tick.type === 'tick' ? tick.llm : 'not a tick'))).toEqual([
      { breaker: 'closed', inFlight: 2, queued: 0, limit: 16 },
      { breaker: 'open', inFlight: 0, queued: 0, limit: 1 },
      null,
    ]);
  });

  it('leaves no second out when a tick comes late', () => {
    const recorder = createConsoleRecorder({ now: Date.now });
    const feed = createConsoleFeed(recorder, noTickets, noLlm, { tickMs: 1000 });
    const frames: string[] = [];
    feed.subscribe((frame) => frames.push(frame));
    vi.setSystemTime(1_003_500);
    vi.advanceTimersByTime(1000);
    const [tick] = ticks(frames);
    expect(tick?.type === 'tick' && tick.traffic.map((p) => p.at)).toEqual([
      1_000_000, 1_001_000, 1_002_000, 1_003_000,
    ]);
  });

  it('reads the ticket queue once for every watcher, on the first watcher and then every period', async () => {
    let reads = 0;
    const view = async () => {
      reads++;
      return { assigned: [], open: [{ ...sampleTicket, ticketId: `T-${reads}` }] };
    };
    const feed = createConsoleFeed(createConsoleRecorder(), view, noLlm, { ticketsMs: 10_000 });
    const a: string[] = [];
    feed.subscribe((frame) => a.push(frame));
    await vi.advanceTimersByTimeAsync(0);
    const b: string[] = [];
    feed.subscribe((frame) => b.push(frame));
    expect(reads).toBe(1);
    const first = events(b).find((e) => e.type === 'tickets');
    expect(first?.type === 'tickets' && first.open.map((t) => t.ticketId)).toEqual(['T-1']);

    await vi.advanceTimersByTimeAsync(10_000);
    expect(reads).toBe(2);
    const latest = events(a).filter((e) => e.type === 'tickets');
    expect(latest.at(-1)?.type === 'tickets' && latest.at(-1)).toMatchObject({ open: [{ ticketId: 'T-2' }] });
  });
});
