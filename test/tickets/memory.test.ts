import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/domain/ticket.js';
import { createMemoryTicketQueue, ticketScore } from '../../src/tickets/index.js';
import { sampleTicket, ticketQueueConformance } from './conformance.js';

ticketQueueConformance('memory', () => createMemoryTicketQueue());

const PRIORITIES = ['urgent', 'high', 'medium', 'low'] as const;

describe('memory ticket queue bounds', () => {
  it('evicts the least recently used closed tickets beyond the cap and never an open one', async () => {
    const queue = createMemoryTicketQueue({ maxClosedTickets: 2 });
    for (const id of ['A', 'B', 'C', 'D']) await queue.open(sampleTicket(id));
    await queue.update('A', { status: 'closed' }, '2026-01-01T00:00:00.000Z');
    await queue.update('B', { status: 'closed' }, '2026-01-01T00:00:00.000Z');
    await queue.get('A');
    await queue.update('C', { status: 'closed' }, '2026-01-01T00:00:00.000Z');
    expect(await queue.get('B')).toBeUndefined();
    expect((await queue.list({ status: 'closed' })).map((t) => t.ticketId).sort()).toEqual(['A', 'C']);
    expect((await queue.list({ status: 'open' })).map((t) => t.ticketId)).toEqual(['D']);
    expect(await queue.list()).toHaveLength(3);
  });

  it('keeps every status in queue order as tickets open and change, as a full sort would', async () => {
    const queue = createMemoryTicketQueue();
    const all = new Map<string, Ticket>();
    for (let i = 0; i < 200; i++) {
      const ticket = sampleTicket(`T-${String(i).padStart(3, '0')}`, {
        priority: PRIORITIES[(i * 7) % 4],
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, (i * 13) % 60)).toISOString(),
      });
      all.set(ticket.ticketId, ticket);
      await queue.open(ticket);
      if (i % 3 === 0) {
        const changed = `T-${String((i * 5) % (i + 1)).padStart(3, '0')}`;
        const status = i % 2 === 0 ? 'assigned' : 'closed';
        await queue.update(changed, { status }, '2026-01-01T00:00:00.000Z');
        all.set(changed, { ...(all.get(changed) as Ticket), status });
      }
    }
    const sorted = [...all.values()].sort(
      (a, b) => ticketScore(a) - ticketScore(b) || (a.ticketId < b.ticketId ? -1 : 1),
    );
    expect((await queue.list({ limit: 50 })).map((t) => t.ticketId)).toEqual(
      sorted.slice(0, 50).map((t) => t.ticketId),
    );
    for (const status of ['open', 'assigned', 'closed'] as const) {
      expect((await queue.list({ status })).map((t) => t.ticketId)).toEqual(
        sorted.filter((t) => t.status === status).map((t) => t.ticketId),
      );
    }
  });
});
