import type { Ticket, TicketStatus } from '../domain/ticket.js';

export interface TicketListOptions {
  /** Only tickets in this status; all when absent. */
  status?: TicketStatus;
  /** At most this many, the most urgent; all when absent. */
  limit?: number;
}

/** The human-handoff queue: listed most urgent first, then oldest first. */
export interface TicketQueue {
  open(ticket: Ticket): Promise<Ticket>;
  get(ticketId: string): Promise<Ticket | undefined>;
  list(options?: TicketListOptions): Promise<Ticket[]>;
  setStatus(ticketId: string, status: TicketStatus): Promise<Ticket | undefined>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
