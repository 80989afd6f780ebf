import type { Desk, DeskObserver } from '../desk/index.js';
import type { WebhookEventType } from '../domain/webhook-event.js';

export type PublishEvent = (type: WebhookEventType, data: Record<string, unknown>) => Promise<void>;

/**
 * The desk, telling webhook receivers what happened through it: an escalated query (and the ticket
 * it opened), a ticket changed by a person, feedback, and a conversation marked resolved. The event is
 * in the outbox before the call answers, so an answered call never loses its event.
 */
export function withWebhookEvents(desk: Desk, publish: PublishEvent): Desk {
  // Every other call delegated by name: a Desk may be a class instance, whose methods a spread drops.
  return {
    get profile() {
      return desk.profile;
    },
    getQuery: (queryId) => desk.getQuery(queryId),
    getConversation: (conversationId) => desk.getConversation(conversationId),
    getCustomer: (customerId) => desk.getCustomer(customerId),
    listTickets: (options) => desk.listTickets(options),
    getTicket: (ticketId) => desk.getTicket(ticketId),
    readiness: () => desk.readiness(),
    llmHealth: () => desk.llmHealth(),
    get agents() {
      return desk.agents;
    },
    close: () => desk.close(),
    async submit(input, options) {
      const result = await desk.submit(input, options);
      if (result.escalated) {
        const { queryId, conversationId, customerId, priority, ticketId } = result;
        await publish('query.escalated', { queryId, conversationId, customerId, priority, ticketId });
        const ticket = ticketId ? await desk.getTicket(ticketId) : undefined;
        if (ticket) await publish('ticket.created', { ticket });
      }
      return result;
    },
    async feedback(queryId, feedback) {
      const outcome = await desk.feedback(queryId, feedback);
      await publish('feedback.received', { queryId, feedback });
      if (feedback.resolved === true) {
        const query = await desk.getQuery(queryId);
        await publish('conversation.resolved', { queryId, conversationId: query?.conversationId ?? null });
      }
      return outcome;
    },
    async updateTicket(ticketId, update) {
      const ticket = await desk.updateTicket(ticketId, update);
      if (ticket) await publish('ticket.updated', { ticket, change: update });
      return ticket;
    },
  };
}

/**
 * The desk's observer, also publishing `action.failed` for every action call that gave no result.
 * An observer must not throw nor wait: the event is recorded in the background, a failure reported.
 */
export function withActionFailedEvents(
  observer: DeskObserver,
  publish: PublishEvent,
  onError: (error: unknown) => void,
): DeskObserver {
  return {
    ...observer,
    actionCall(record) {
      observer.actionCall?.(record);
      if (record.outcome !== 'error') return;
      const { action, department, conversationId, code, status, attempts } = record;
      publish('action.failed', { action, department, conversationId, code, status, attempts }).catch(onError);
    },
  };
}
