import { Ticket } from '../domain/ticket.js';
import { applyUpdate } from './apply-update.js';
import type { TicketQueue } from './ticket-queue.js';
import { compareTickets } from './ticket-order.js';

/** Tickets in a Map, sorted on read (the queue of human handoffs is short); copies in and out. */
export function createMemoryTicketQueue(): TicketQueue {
  const tickets = new Map<string, Ticket>();

  return {
    async open(ticket) {
      const existing = tickets.get(ticket.ticketId);
      if (existing) return structuredClone(existing);
      const stored = Ticket.parse(ticket);
      tickets.set(stored.ticketId, stored);
      return structuredClone(stored);
    },

    async get(ticketId) {
      const ticket = tickets.get(ticketId);
      return ticket && structuredClone(ticket);
    },

    async list(options = {}) {
      const matching = [...tickets.values()]
        .filter((t) => options.status === undefined || t.status === options.status)
        .filter((t) => options.assignee === undefined || t.assignee === options.assignee)
        .sort(compareTickets);
      return matching.slice(0, options.limit ?? matching.length).map((t) => structuredClone(t));
    },

    async update(ticketId, update, at) {
      const ticket = tickets.get(ticketId);
      if (!ticket) return undefined;
      const updated = applyUpdate(ticket, update, at);
      tickets.set(ticketId, updated);
      return structuredClone(updated);
    },

    async ping() {
      return true;
    },

    async close() {
      tickets.clear();
    },
  };
}
