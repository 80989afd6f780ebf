import { describe, expect, it } from 'vitest';
import { createQueryLog } from '../../../src/http/console/query-log.js';
import { sampleResult } from '../../blackboard/conformance.js';

describe('query log', () => {
  it('summarises what was decided about a query, newest first', () => {
    const log = createQueryLog(10);
    log.add(sampleResult('q-1'));
    log.add({ ...sampleResult('q-2'), escalated: true, ticketId: 't-1' });
    expect(log.latest()).toEqual([
      {
        queryId: 'q-2',
        conversationId: 'c-1',
        customerId: 'CUST001',
        createdAt: '2026-01-01T00:00:00.000Z',
        language: 'en',
        intent: 'billing.refund',
        department: 'billing',
        confidence: 0.9,
        priority: 'medium',
        handoffs: 1,
        escalated: true,
        ticketId: 't-1',
        latencyMs: 10,
      },
      expect.objectContaining({ queryId: 'q-1', escalated: false }),
    ]);
  });

  it('keeps only the latest `capacity` queries', () => {
    const log = createQueryLog(3);
    for (let i = 1; i <= 5; i++) log.add(sampleResult(`q-${i}`));
    expect(log.latest().map((q) => q.queryId)).toEqual(['q-5', 'q-4', 'q-3']);
    expect(log.latest(2).map((q) => q.queryId)).toEqual(['q-5', 'q-4']);
  });

  it('tells what was added since a position, within the capacity', () => {
    const log = createQueryLog(3);
    log.add(sampleResult('q-1'));
    const position = log.position;
    expect(log.since(position)).toEqual([]);
    log.add(sampleResult('q-2'));
    log.add(sampleResult('q-3'));
    expect(log.since(position).map((q) => q.queryId)).toEqual(['q-3', 'q-2']);
    for (let i = 4; i <= 9; i++) log.add(sampleResult(`q-${i}`));
    expect(log.since(position).map((q) => q.queryId)).toEqual(['q-9', 'q-8', 'q-7']);
    expect(log.since(position, 1).map((q) => q.queryId)).toEqual(['q-9']);
  });
});
