import type { Ticket, TicketStatus, TicketUpdate } from '../domain/ticket.js';

export interface TicketListOptions {
  /** Only tickets in this status; all when absent. */
  status?: TicketStatus;
  /** Only tickets assigned to this person; all when absent. */
  assignee?: string;
  /** At most this many, the most urgent; all when absent. */
  limit?: number;
}

/** The human-handoff queue: listed most urgent first, then oldest first. */
export interface TicketQueue {
  open(ticket: Ticket): Promise<Ticket>;
  get(ticketId: string): Promise<Ticket | undefined>;
  list(options?: TicketListOptions): Promise<Ticket[]>;
  /**
   * Applies a change made at `at` (ISO time): status and assignee replaced, the note appended, as one
   * step. Undefined when there is no such ticket.
   */
  update(ticketId: string, update: TicketUpdate, at: string): Promise<Ticket | undefined>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
