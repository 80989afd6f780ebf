import type { Priority } from '../domain/vocabulary.js';
import type { Ticket } from '../domain/ticket.js';

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };
/** Wider than any epoch-millisecond timestamp, so rank dominates and age breaks ties. */
const RANK_WIDTH = 1e13;

/** Sort key: most urgent first, then oldest first. Exact as a double (below 2^53) for a Redis score. */
export function ticketScore(ticket: Pick<Ticket, 'priority' | 'createdAt'>): number {
  const createdMs = Date.parse(ticket.createdAt);
  return PRIORITY_RANK[ticket.priority] * RANK_WIDTH + (Number.isFinite(createdMs) ? createdMs : 0);
}
