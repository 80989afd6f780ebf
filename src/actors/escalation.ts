import type { Ticket } from '../domain/ticket.js';
import { defineBehaviour, type ActorContext } from '../runtime/index.js';
import { composeHandover } from './answer-composer.js';
import {
  EscalationMessage,
  type EscalationReply,
  type EscalationRequested,
  type TicketRequest,
} from './escalation-messages.js';

const SUMMARY_LIMIT = 500;

async function openTicket(ctx: ActorContext, message: EscalationRequested): Promise<Ticket | null> {
  const request: TicketRequest = {
    queryId: message.queryId,
    conversationId: message.conversationId,
    customerId: message.customerId,
    priority: message.priority,
    department: message.department,
    language: message.language,
    reasons: message.reasons,
    summary: message.summary.slice(0, SUMMARY_LIMIT),
  };
  try {
    return await ctx.call<Ticket>('tickets', 'open', request);
  } catch (error) {
    // The customer still gets an honest answer; the failure is the operator's to see.
    ctx.log.error('ticket not opened', { queryId: message.queryId, error: String(error) });
    return null;
  }
}

/** The escalation agent: opens the human-handoff ticket and tells the customer what happens next. */
async function handOver(ctx: ActorContext, message: EscalationRequested): Promise<EscalationReply> {
  const ticket = await openTicket(ctx, message);
  const answer = composeHandover({
    language: message.language,
    customer: message.customer,
    reasons: message.reasons,
    ticket,
    noArticle: message.noArticle,
  });
  return { agent: ctx.self.id, ticketId: ticket?.ticketId ?? null, dueBy: ticket?.dueBy ?? null, ...answer };
}

export const escalationBehaviour = defineBehaviour<null, EscalationMessage>({
  messages: EscalationMessage,
  init: () => null,
  receive(state, message, ctx) {
    switch (message.type) {
      // A deferred reply: the agent takes the next case while the ticket store answers.
      case 'support.escalation.requested':
        return { state, reply: handOver(ctx, message) };
    }
  },
});
