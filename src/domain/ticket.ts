import { z } from 'zod';
import { Department, Language, Priority } from './vocabulary.js';

export const TicketStatus = z.enum(['open', 'assigned', 'closed']);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** One line of a ticket's log, written by the people working it; notes are only ever appended. */
export const TicketNote = z.object({
  at: z.string(),
  /** Who wrote it, as the caller names them (the edge has no user accounts). */
  author: z.string().optional(),
  text: z.string(),
});
export type TicketNote = z.infer<typeof TicketNote>;

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
  /** The person working it; null while nobody is. */
  assignee: z.string().nullable().default(null),
  notes: z.array(TicketNote).default([]),
  createdAt: z.string(),
  /** Last change of status, assignee or notes; `createdAt` until then. */
  updatedAt: z.string(),
  /** When a human is expected to pick it up (from the priority's target response time). */
  dueBy: z.string(),
});
export type Ticket = z.infer<typeof Ticket>;

const Name = z.string().trim().min(1).max(200);

/**
 * What a person working the queue may change: the status, the assignee (null to unassign) and one note
 * to append. Strict, so a misspelt field is refused instead of silently dropped.
 */
export const TicketUpdate = z
  .strictObject({
    status: TicketStatus.optional(),
    assignee: Name.nullable().optional(),
    note: z.strictObject({ text: z.string().trim().min(1).max(4000), author: Name.optional() }).optional(),
  })
  .refine((u) => u.status !== undefined || u.assignee !== undefined || u.note !== undefined, {
    message: 'give at least one of status, assignee, note',
  });
export type TicketUpdate = z.infer<typeof TicketUpdate>;
