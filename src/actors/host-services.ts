import { randomUUID } from 'node:crypto';
import type { Blackboard } from '../blackboard/index.js';
import type { Crm } from '../crm/index.js';
import type { BlackboardEntryInput } from '../domain/conversation.js';
import type { Ticket } from '../domain/ticket.js';
import type { Clock, Service } from '../runtime/index.js';
import type { TicketQueue } from '../tickets/index.js';
import { dueBy } from './escalation-policy.js';
import { TicketRequest } from './escalation-messages.js';
import { recentView } from './route-context.js';

export interface HostStores {
  blackboard: Blackboard;
  crm: Crm;
  tickets: TicketQueue;
}

/**
 * The stores as services of the actor system: agents on the workers reach them with
 * `ctx.call(service, method, ...)`.
 */
export function createHostServices(stores: HostStores, clock: Clock): Record<string, Service> {
  const { blackboard, crm, tickets } = stores;
  return {
    blackboard: {
      append: (conversationId: string, entry: BlackboardEntryInput) =>
        blackboard.append(conversationId, entry),
      get: (conversationId: string) => blackboard.get(conversationId),
    },
    crm: {
      get: async (customerId: string) => recentView(await crm.get(customerId)),
    },
    tickets: {
      open(input: TicketRequest): Promise<Ticket> {
        const request = TicketRequest.parse(input);
        const now = clock.now();
        return tickets.open({
          schemaVersion: 1,
          ticketId: `T-${randomUUID().slice(0, 8).toUpperCase()}`,
          ...request,
          status: 'open',
          createdAt: new Date(now).toISOString(),
          dueBy: dueBy(request.priority, now),
        });
      },
    },
  };
}
