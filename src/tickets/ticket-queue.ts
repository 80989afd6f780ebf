import type { Ticket, TicketStatus } from '../domain/ticket.js';

/** The human-handoff queue: listed most urgent first, then oldest first. */
export interface TicketQueue {
  open(ticket: Ticket): Promise<Ticket>;
  get(ticketId: string): Promise<Ticket | undefined>;
  list(options?: { status?: TicketStatus; limit?: number }): Promise<Ticket[]>;
  setStatus(ticketId: string, status: TicketStatus): Promise<Ticket | undefined>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
