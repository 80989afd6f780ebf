import { z } from 'zod';
import { Customer } from '../domain/customer.js';
import { Ticket } from '../domain/ticket.js';
import { Department, Language, Priority } from '../domain/vocabulary.js';
import { EscalationReason } from './escalation-policy.js';

export const EscalationRequested = z.object({
  type: z.literal('support.escalation.requested'),
  queryId: z.string(),
  conversationId: z.string(),
  customerId: z.string(),
  language: Language,
  priority: Priority,
  /** The department the message was about, for the human queue. */
  department: Department,
  reasons: z.array(EscalationReason).min(1),
  /** What the human reads first: the customer's message. */
  summary: z.string(),
  customer: Customer.nullable(),
  noArticle: z.boolean(),
});
export type EscalationRequested = z.infer<typeof EscalationRequested>;

export const EscalationMessage = z.discriminatedUnion('type', [EscalationRequested]);
export type EscalationMessage = z.infer<typeof EscalationMessage>;

export const EscalationReply = z.object({
  agent: z.string(),
  ticketId: z.string().nullable(),
  dueBy: z.string().nullable(),
  text: z.string(),
  core: z.string(),
});
export type EscalationReply = z.infer<typeof EscalationReply>;

/** What the escalation agent asks the host's ticket service to open; the host stamps times and ids. */
export const TicketRequest = Ticket.pick({
  queryId: true,
  conversationId: true,
  customerId: true,
  priority: true,
  department: true,
  language: true,
  reasons: true,
  summary: true,
});
export type TicketRequest = z.infer<typeof TicketRequest>;
