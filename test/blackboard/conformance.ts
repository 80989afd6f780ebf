import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Blackboard, BlackboardOptions } from '../../src/blackboard/index.js';
import type { BlackboardChange, BlackboardEntryInput } from '../../src/domain/conversation.js';
import type { QueryResult } from '../../src/domain/query.js';

export type BlackboardFactory = (options?: BlackboardOptions) => Blackboard | Promise<Blackboard>;

const message = (text: string): BlackboardEntryInput => ({ kind: 'message', by: 'customer', text });

/** Collects changes and resolves `until(n)` once n arrived: a signal to wait on instead of sleeping. */
function recorder() {
  const changes: BlackboardChange[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    changes,
    listener(change: BlackboardChange) {
      changes.push(change);
      for (const waiter of waiters.filter((w) => changes.length >= w.count)) waiter.resolve();
    },
    until(count: number): Promise<void> {
      if (changes.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}

export function sampleResult(queryId: string): QueryResult {
  return {
    queryId,
    conversationId: 'c-1',
    customerId: 'CUST001',
    language: 'en',
    intent: 'billing.refund',
    department: 'billing',
    departments: ['billing'],
    confidence: 0.9,
    priority: 'medium',
    escalated: false,
    ticketId: null,
    assignedAgent: 'billing-1',
    handoffs: [{ from: 'router', to: 'billing-1', reason: 'intent', at: '2026-01-01T00:00:00.000Z' }],
    parts: [],
    response: 'Your refund is on its way.',
    suggestions: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    timings: { totalMs: 10, routingMs: 2, answerMs: 8, queuedMs: 0, llmMs: 0 },
    usage: { llmCalls: 0, promptTokens: 0, completionTokens: 0 },
  };
}

/** The behaviour every Blackboard implementation must show; run by memory.test.ts and redis.test.ts. */
export function blackboardConformance(name: string, factory: BlackboardFactory): void {
  describe(`${name} blackboard conformance`, () => {
    let board: Blackboard;
    const extra: Blackboard[] = [];

    beforeEach(async () => {
      board = await factory();
    });
    afterEach(async () => {
      await Promise.all([board, ...extra.splice(0)].map((b) => b.close()));
    });

    async function withOptions(options: BlackboardOptions): Promise<Blackboard> {
      const created = await factory(options);
      extra.push(created);
      return created;
    }

    it('opens a conversation once: a second open returns the same one unchanged', async () => {
      const first = await board.open('c-1', { customerId: 'CUST001', channel: 'web' });
      await board.append('c-1', message('hello'));
      const second = await board.open('c-1', { customerId: 'OTHER' });
      expect(first).toMatchObject({
        conversationId: 'c-1',
        customerId: 'CUST001',
        channel: 'web',
        version: 0,
      });
      expect(first.state).toEqual({ attempts: 0, triedAgents: [], escalated: false });
      expect(second.customerId).toBe('CUST001');
      expect(second.createdAt).toBe(first.createdAt);
      expect(second.entries).toHaveLength(1);
    });

    it('refuses a fenced write older than one it has seen, leaving the conversation as it was', async () => {
      await board.open('c-1', { customerId: 'CUST001' });
      await board.appendMany('c-1', [message('from holder 5')], { fence: 5 });
      await board.appendMany('c-1', [message('from holder 7')], { fence: 7 });
      await expect(board.appendMany('c-1', [message('stale')], { fence: 6 })).rejects.toMatchObject({
        code: 'STALE_FENCE',
      });
      await expect(
        board.updateState('c-1', (s) => ({ ...s, attempts: 9 }), { fence: 6 }),
      ).rejects.toMatchObject({ code: 'STALE_FENCE' });
      await board.updateState('c-1', (s) => ({ ...s, attempts: 1 }), { fence: 7 });
      // Unfenced writers (the fallback escalation, tools) are not refused.
      await board.append('c-1', message('unfenced'));
      const conversation = await board.get('c-1');
      expect(conversation?.entries.map((e) => (e.kind === 'message' ? e.text : e.kind))).toEqual([
        'from holder 5',
        'from holder 7',
        'unfenced',
      ]);
      expect(conversation?.state.attempts).toBe(1);
    });

    it('returns undefined for a conversation never opened', async () => {
      expect(await board.get('missing')).toBeUndefined();
    });

    it('refuses appends and state updates to a conversation never opened', async () => {
      await expect(board.append('missing', message('x'))).rejects.toMatchObject({
        code: 'CONVERSATION_NOT_FOUND',
      });
      await expect(board.updateState('missing', (s) => s)).rejects.toMatchObject({
        code: 'CONVERSATION_NOT_FOUND',
      });
    });

    it('assigns increasing seq and keeps entries in append order', async () => {
      await board.open('c-1', { customerId: 'CUST001' });
      const a = await board.append('c-1', message('one'));
      const b = await board.append('c-1', {
        kind: 'intent',
        by: 'router',
        intent: 'billing.refund',
        department: 'billing',
        confidence: 0.8,
      });
      const c = await board.append('c-1', { kind: 'fact', by: 'billing-1', key: 'order', value: { id: 7 } });
      expect(b.seq).toBeGreaterThan(a.seq);
      expect(c.seq).toBeGreaterThan(b.seq);
      expect(a.at).toEqual(expect.any(String));
      const conversation = await board.get('c-1');
      expect(conversation?.entries).toEqual([a, b, c]);
      expect(conversation?.version).toBe(3);
    });

    it('keeps every entry of 50 concurrent appends, each with its own seq', async () => {
      await board.open('c-1', { customerId: 'CUST001' });
      const written = await Promise.all(
        Array.from({ length: 50 }, (_, i) => board.append('c-1', message(`m${i}`))),
      );
      const seqs = written.map((e) => e.seq);
      expect(new Set(seqs).size).toBe(50);
      const entries = (await board.get('c-1'))?.entries ?? [];
      expect(entries).toHaveLength(50);
      expect(entries.map((e) => e.seq)).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(entries.map((e) => (e.kind === 'message' ? e.text : '')))).toEqual(
        new Set(written.map((e) => (e.kind === 'message' ? e.text : ''))),
      );
    });

    it('appends a batch in order with consecutive seqs, one change per entry', async () => {
      await board.open('c-1', { customerId: 'CUST001' });
      const before = await board.append('c-1', message('zero'));
      const seen = recorder();
      const unsubscribe = await board.subscribe('c-1', seen.listener);
      const written = await board.appendMany('c-1', [
        message('one'),
        { kind: 'fact', by: 'billing-1', key: 'order', value: { id: 7 } },
        message('two'),
      ]);
      await seen.until(3);
      await unsubscribe();
      expect(written.map((e) => e.seq)).toEqual([before.seq + 1, before.seq + 2, before.seq + 3]);
      const conversation = await board.get('c-1');
      expect(conversation?.entries).toEqual([before, ...written]);
      expect(conversation?.version).toBe(4);
      expect(seen.changes).toEqual(
        written.map((entry, i) => ({ conversationId: 'c-1', version: 2 + i, entry })),
      );
    });

    it('never lets a concurrent append land inside a batch', async () => {
      await board.open('c-1', { customerId: 'CUST001' });
      const batch = Array.from({ length: 5 }, (_, i) => message(`batch ${i}`));
      await Promise.all([
        ...Array.from({ length: 10 }, (_, i) => board.append('c-1', message(`single ${i}`))),
        board.appendMany('c-1', batch),
        board.appendMany('c-1', batch),
      ]);
      const texts = ((await board.get('c-1'))?.entries ?? []).map((e) =>
        e.kind === 'message' ? e.text : '',
      );
      expect(texts).toHaveLength(20);
      for (let start = texts.indexOf('batch 0'); start !== -1; start = texts.indexOf('batch 0', start + 1)) {
        expect(texts.slice(start, start + 5)).toEqual(batch.map((e) => (e.kind === 'message' ? e.text : '')));
      }
      expect(texts.filter((text) => text === 'batch 0')).toHaveLength(2);
    });

    it('writes nothing of a batch with one invalid entry, and refuses unknown conversations', async () => {
      await board.open('c-1', { customerId: 'CUST001' });
      const invalid = { kind: 'intent', by: 'router', intent: 'x' } as unknown as BlackboardEntryInput;
      await expect(board.appendMany('c-1', [message('one'), invalid])).rejects.toMatchObject({
        code: 'INVALID_BLACKBOARD_WRITE',
      });
      expect((await board.get('c-1'))?.entries).toEqual([]);
      await expect(board.appendMany('missing', [message('x')])).rejects.toMatchObject({
        code: 'CONVERSATION_NOT_FOUND',
      });
      expect(await board.appendMany('c-1', [])).toEqual([]);
      expect((await board.get('c-1'))?.version).toBe(0);
    });

    it('keeps only the most recent maxEntries entries while seq keeps counting', async () => {
      const small = await withOptions({ maxEntries: 3 });
      await small.open('c-1', { customerId: 'CUST001' });
      for (let i = 0; i < 5; i += 1) await small.append('c-1', message(`m${i}`));
      const entries = (await small.get('c-1'))?.entries ?? [];
      expect(entries.map((e) => (e.kind === 'message' ? e.text : ''))).toEqual(['m2', 'm3', 'm4']);
      expect(entries.map((e) => e.seq)).toEqual([3, 4, 5]);
    });

    it('loses no increment when 30 writers update the state at once', async () => {
      await board.open('c-1', { customerId: 'CUST001' });
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          board.updateState('c-1', (s) => ({
            ...s,
            attempts: s.attempts + 1,
            triedAgents: [...s.triedAgents, `agent-${i}`],
          })),
        ),
      );
      const state = (await board.get('c-1'))?.state;
      expect(state?.attempts).toBe(30);
      expect(new Set(state?.triedAgents).size).toBe(30);
    });

    it('keeps concurrent appends and state updates apart: neither loses the other', async () => {
      await board.open('c-1', { customerId: 'CUST001' });
      await Promise.all([
        ...Array.from({ length: 20 }, (_, i) => board.append('c-1', message(`m${i}`))),
        ...Array.from({ length: 20 }, () =>
          board.updateState('c-1', (s) => ({ ...s, attempts: s.attempts + 1 })),
        ),
      ]);
      const conversation = await board.get('c-1');
      expect(conversation?.entries).toHaveLength(20);
      expect(conversation?.state.attempts).toBe(20);
      expect(conversation?.version).toBe(40);
    });

    it('returns the state it stored and refuses a state that breaks the schema', async () => {
      await board.open('c-1', { customerId: 'CUST001' });
      const next = await board.updateState('c-1', (s) => ({ ...s, department: 'billing', escalated: true }));
      expect(next).toMatchObject({ department: 'billing', escalated: true });
      await expect(board.updateState('c-1', (s) => ({ ...s, attempts: -1 }))).rejects.toMatchObject({
        code: 'INVALID_BLACKBOARD_WRITE',
      });
      expect((await board.get('c-1'))?.state.escalated).toBe(true);
    });

    it('is not changed by callers editing what it returned', async () => {
      await board.open('c-1', { customerId: 'CUST001' });
      await board.append('c-1', message('one'));
      const conversation = await board.get('c-1');
      conversation?.entries.push({ kind: 'message', by: 'x', text: 'injected', seq: 99, at: 'now' });
      const value = { id: 1 };
      await board.append('c-1', { kind: 'fact', by: 'x', key: 'k', value });
      value.id = 2;
      const entries = (await board.get('c-1'))?.entries ?? [];
      expect(entries).toHaveLength(2);
      expect(entries[1]).toMatchObject({ kind: 'fact', value: { id: 1 } });
    });

    it('tells subscribers of a conversation about its entries and state changes, not about others', async () => {
      await board.open('c-1', { customerId: 'CUST001' });
      await board.open('c-2', { customerId: 'CUST002' });
      const seen = recorder();
      const unsubscribe = await board.subscribe('c-1', seen.listener);
      await board.append('c-2', message('elsewhere'));
      const entry = await board.append('c-1', message('hello'));
      await board.updateState('c-1', (s) => ({ ...s, intent: 'billing.refund' }));
      await seen.until(2);
      await unsubscribe();
      expect(seen.changes).toEqual([
        { conversationId: 'c-1', version: 1, entry },
        { conversationId: 'c-1', version: 2, state: expect.objectContaining({ intent: 'billing.refund' }) },
      ]);
    });

    it("tells '*' subscribers about every conversation", async () => {
      await board.open('c-1', { customerId: 'CUST001' });
      await board.open('c-2', { customerId: 'CUST002' });
      const seen = recorder();
      const unsubscribe = await board.subscribe('*', seen.listener);
      await board.append('c-1', message('one'));
      await board.updateState('c-2', (s) => ({ ...s, escalated: true }));
      await seen.until(2);
      await unsubscribe();
      expect(seen.changes.map((c) => c.conversationId)).toEqual(['c-1', 'c-2']);
    });

    it('stops notifying after unsubscribe', async () => {
      await board.open('c-1', { customerId: 'CUST001' });
      const gone = recorder();
      const staying = recorder();
      const sentinel = recorder();
      const unsubscribeGone = await board.subscribe('c-1', gone.listener);
      const unsubscribeStaying = await board.subscribe('c-1', staying.listener);
      await board.append('c-1', message('before'));
      await Promise.all([gone.until(1), staying.until(1)]);
      await unsubscribeGone();
      await board.append('c-1', message('after'));
      await staying.until(2);
      await unsubscribeStaying();
      // The conversation channel now has no listener at all; '*' is delivered after it, so by the
      // time the sentinel hears of the append a stray conversation message would have arrived.
      const unsubscribeSentinel = await board.subscribe('*', sentinel.listener);
      await board.append('c-1', message('unheard'));
      await sentinel.until(1);
      await unsubscribeSentinel();
      expect(gone.changes).toHaveLength(1);
      expect(staying.changes).toHaveLength(2);
    });

    it('round-trips query results and answers undefined for unknown ones', async () => {
      const result = sampleResult('q-1');
      await board.saveResult(result);
      expect(await board.getResult('q-1')).toEqual(result);
      expect(await board.getResult('q-unknown')).toBeUndefined();
    });

    it('answers ping', async () => {
      expect(await board.ping()).toBe(true);
    });
  });
}
