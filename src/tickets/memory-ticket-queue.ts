import { z } from 'zod';
import { Ticket } from '../domain/ticket.js';
import { applyUpdate } from './apply-update.js';
import { TicketIndex } from './ticket-index.js';
import type { TicketQueue } from './ticket-queue.js';

export const MemoryTicketQueueOptions = z.object({
  /**
   * Closed tickets kept, least recently used evicted first, as conversations are. Open and assigned
   * tickets are work still to do and are never evicted.
   */
  maxClosedTickets: z.number().int().min(1).default(10_000),
});
export type MemoryTicketQueueOptions = z.input<typeof MemoryTicketQueueOptions>;

/** Tickets in a Map with a per-status sorted index and a bounded set of closed ones; copies in and out. */
export function createMemoryTicketQueue(options: MemoryTicketQueueOptions = {}): TicketQueue {
  const { maxClosedTickets } = MemoryTicketQueueOptions.parse(options);
  const tickets = new Map<string, Ticket>();
  const index = new TicketIndex();
  // Closed ticket ids in recency order: reading or closing one moves it to the back.
  const closed = new Set<string>();

  const touchClosed = (ticketId: string) => {
    closed.delete(ticketId);
    closed.add(ticketId);
    while (closed.size > maxClosedTickets) {
      const oldest = closed.values().next().value as string;
      closed.delete(oldest);
      const evicted = tickets.get(oldest);
      if (evicted) index.remove(evicted);
      tickets.delete(oldest);
    }
  };

  return {
    async open(ticket) {
      const existing = tickets.get(ticket.ticketId);
      if (existing) return structuredClone(existing);
      const stored = Ticket.parse(ticket);
      tickets.set(stored.ticketId, stored);
      index.add(stored);
      if (stored.status === 'closed') touchClosed(stored.ticketId);
      return structuredClone(stored);
    },

    async get(ticketId) {
      const ticket = tickets.get(ticketId);
      if (ticket?.status === 'closed') touchClosed(ticketId);
      return ticket && structuredClone(ticket);
    },

    async list(options = {}) {
      const limit = options.limit ?? tickets.size;
      const { assignee } = options;
      // The index orders by urgency only: a filter on the assignee walks it until the page is full.
      const ids =
        assignee === undefined
          ? index.first(limit, options.status)
          : index
              .first(tickets.size, options.status)
              .filter((id) => tickets.get(id)?.assignee === assignee)
              .slice(0, limit);
      return ids.flatMap((id) => {
        const ticket = tickets.get(id);
        return ticket ? [structuredClone(ticket)] : [];
      });
    },

    async update(ticketId, update, at) {
      const ticket = tickets.get(ticketId);
      if (!ticket) return undefined;
      index.remove(ticket);
      if (ticket.status === 'closed') closed.delete(ticketId);
      const updated = applyUpdate(ticket, update, at);
      tickets.set(ticketId, updated);
      index.add(updated);
      if (updated.status === 'closed') touchClosed(ticketId);
      return structuredClone(updated);
    },

    async ping() {
      return true;
    },

    async close() {
      tickets.clear();
      index.clear();
      closed.clear();
    },
  };
}
