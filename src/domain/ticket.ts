import { z } from 'zod';
import { Department, Language, Priority } from './vocabulary.js';

export const TicketStatus = z.enum(['open', 'assigned', 'closed']);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** A human-handoff ticket opened by the escalation agent. */
export const Ticket = z.object({
  schemaVersion: z.literal(1).default(1),
  ticketId: z.string(),
  queryId: z.string(),
  conversationId: z.string(),
  customerId: z.string(),
  priority: Priority,
  department: Department,
  language: Language,
  reasons: z.array(z.string()),
  summary: z.string(),
  status: TicketStatus,
  createdAt: z.string(),
  /** When a human is expected to pick it up (from the priority's target response time). */
  dueBy: z.string(),
});
export type Ticket = z.infer<typeof Ticket>;
