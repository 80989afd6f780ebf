import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/domain/ticket.js';
import type { TicketListOptions, TicketQueue } from '../../src/tickets/index.js';

const AT = '2026-01-01T11:00:00.000Z';

export type TicketQueueFactory = () => TicketQueue | Promise<TicketQueue>;

export function sampleTicket(ticketId: string, overrides: Partial<Ticket> = {}): Ticket {
  return {
    schemaVersion: 1,
    ticketId,
    queryId: `q-${ticketId}`,
    conversationId: 'c-1',
    customerId: 'CUST001',
    priority: 'medium',
    department: 'billing',
    language: 'en',
    reasons: [],
    summary: 'Customer asks for a refund',
    status: 'open',
    assignee: null,
    notes: [],
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    dueBy: '2026-01-01T14:00:00.000Z',
    ...overrides,
  };
}

/** The behaviour every TicketQueue implementation must show; run by memory.test.ts and redis.test.ts. */
export function ticketQueueConformance(name: string, factory: TicketQueueFactory): void {
  describe(`${name} ticket queue conformance`, () => {
    let queue: TicketQueue;

    beforeEach(async () => {
      queue = await factory();
    });
    afterEach(async () => {
      await queue.close();
    });

    it('round-trips an opened ticket and answers undefined for unknown ones', async () => {
      const ticket = sampleTicket('T-1', { reasons: ['angry', 'legal'] });
      expect(await queue.open(ticket)).toEqual(ticket);
      expect(await queue.get('T-1')).toEqual(ticket);
      expect(await queue.get('T-unknown')).toBeUndefined();
    });

    it('keeps the first ticket when one with the same id is opened again', async () => {
      await queue.open(sampleTicket('T-1', { summary: 'first' }));
      expect((await queue.open(sampleTicket('T-1', { summary: 'second' }))).summary).toBe('first');
      expect(await queue.list()).toHaveLength(1);
    });

    it('lists the most urgent first, then the oldest first', async () => {
      await queue.open(sampleTicket('low-old', { priority: 'low', createdAt: '2026-01-01T08:00:00.000Z' }));
      await queue.open(sampleTicket('high-new', { priority: 'high', createdAt: '2026-01-01T12:00:00.000Z' }));
      await queue.open(
        sampleTicket('urgent-new', { priority: 'urgent', createdAt: '2026-01-01T11:00:00.000Z' }),
      );
      await queue.open(sampleTicket('high-old', { priority: 'high', createdAt: '2026-01-01T09:00:00.000Z' }));
      await queue.open(sampleTicket('medium', { priority: 'medium', createdAt: '2026-01-01T07:00:00.000Z' }));
      expect((await queue.list()).map((t) => t.ticketId)).toEqual([
        'urgent-new',
        'high-old',
        'high-new',
        'medium',
        'low-old',
      ]);
    });

    it('changes status, lists by status, and answers undefined for an unknown ticket', async () => {
      await queue.open(sampleTicket('T-1', { priority: 'urgent' }));
      await queue.open(sampleTicket('T-2', { priority: 'low' }));
      const assigned = await queue.update('T-1', { status: 'assigned' }, AT);
      expect(assigned?.status).toBe('assigned');
      expect((await queue.get('T-1'))?.status).toBe('assigned');
      expect((await queue.list({ status: 'open' })).map((t) => t.ticketId)).toEqual(['T-2']);
      expect((await queue.list({ status: 'assigned' })).map((t) => t.ticketId)).toEqual(['T-1']);
      await queue.update('T-1', { status: 'closed' }, AT);
      expect(await queue.list({ status: 'assigned' })).toEqual([]);
      expect((await queue.list({ status: 'closed' })).map((t) => t.ticketId)).toEqual(['T-1']);
      expect(await queue.update('T-unknown', { status: 'closed' }, AT)).toBeUndefined();
    });

    it('sets and clears the assignee, appends notes in order, and stamps updatedAt', async () => {
      await queue.open(sampleTicket('T-1'));
      const taken = await queue.update(
        'T-1',
        { assignee: 'eva', note: { text: 'calling back', author: 'eva' } },
        AT,
      );
      expect(taken).toMatchObject({ assignee: 'eva', status: 'open', updatedAt: AT });
      const later = '2026-01-01T12:00:00.000Z';
      await queue.update('T-1', { note: { text: 'no answer' } }, later);
      const stored = await queue.get('T-1');
      expect(stored?.notes).toEqual([
        { at: AT, author: 'eva', text: 'calling back' },
        { at: later, text: 'no answer' },
      ]);
      expect(stored).toMatchObject({
        assignee: 'eva',
        updatedAt: later,
        createdAt: '2026-01-01T10:00:00.000Z',
      });
      expect((await queue.update('T-1', { assignee: null }, later))?.assignee).toBeNull();
      expect((await queue.get('T-1'))?.notes).toHaveLength(2);
    });

    it('lists by assignee, with the status filter and the limit applied to their tickets', async () => {
      await queue.open(sampleTicket('T-low', { priority: 'low' }));
      await queue.open(sampleTicket('T-urgent', { priority: 'urgent' }));
      await queue.open(sampleTicket('T-high', { priority: 'high' }));
      await queue.open(sampleTicket('T-other', { priority: 'urgent' }));
      for (const id of ['T-low', 'T-urgent', 'T-high']) await queue.update(id, { assignee: 'eva' }, AT);
      await queue.update('T-other', { assignee: 'petr' }, AT);
      await queue.update('T-urgent', { status: 'closed' }, AT);
      const ids = async (options: TicketListOptions) => (await queue.list(options)).map((t) => t.ticketId);
      expect(await ids({ assignee: 'eva' })).toEqual(['T-urgent', 'T-high', 'T-low']);
      expect(await ids({ assignee: 'eva', status: 'open' })).toEqual(['T-high', 'T-low']);
      expect(await ids({ assignee: 'eva', status: 'open', limit: 1 })).toEqual(['T-high']);
      expect(await ids({ assignee: 'nobody' })).toEqual([]);
      await queue.update('T-high', { assignee: 'petr' }, AT);
      expect(await ids({ assignee: 'eva' })).toEqual(['T-urgent', 'T-low']);
      expect(await ids({ assignee: 'petr' })).toEqual(['T-other', 'T-high']);
      await queue.update('T-low', { assignee: null }, AT);
      expect(await ids({ assignee: 'eva' })).toEqual(['T-urgent']);
    });

    it('keeps the assignee and notes a ticket was opened with', async () => {
      const ticket = sampleTicket('T-1', {
        assignee: 'eva',
        notes: [{ at: AT, text: 'opened by hand' }],
      });
      expect(await queue.open(ticket)).toEqual(ticket);
      expect((await queue.list({ assignee: 'eva' })).map((t) => t.ticketId)).toEqual(['T-1']);
    });

    it('returns at most limit tickets, most urgent first', async () => {
      await queue.open(sampleTicket('T-low', { priority: 'low' }));
      await queue.open(sampleTicket('T-urgent', { priority: 'urgent' }));
      await queue.open(sampleTicket('T-high', { priority: 'high' }));
      expect((await queue.list({ limit: 2 })).map((t) => t.ticketId)).toEqual(['T-urgent', 'T-high']);
      expect((await queue.list({ status: 'open', limit: 1 })).map((t) => t.ticketId)).toEqual(['T-urgent']);
      expect(await queue.list({ limit: 0 })).toEqual([]);
    });

    it('answers ping', async () => {
      expect(await queue.ping()).toBe(true);
    });
  });
}
