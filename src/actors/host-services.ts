import { randomUUID } from 'node:crypto';
import type { Blackboard } from '../blackboard/index.js';
import type { Crm } from '../crm/index.js';
import type { BlackboardEntryInput, ConversationState } from '../domain/conversation.js';
import type { Customer } from '../domain/customer.js';
import type { Ticket } from '../domain/ticket.js';
import type { Clock, Service } from '../runtime/index.js';
import type { TicketQueue } from '../tickets/index.js';
import { dueBy } from './escalation-policy.js';
import { TicketRequest } from './escalation-messages.js';
import type { LoadedContext } from './router.js';

export interface HostStores {
  blackboard: Blackboard;
  crm: Crm;
  tickets: TicketQueue;
}

/** Entries of a conversation the router reads for follow-ups (history, given articles, feedback). */
export const CONTEXT_ENTRIES = 40;

/**
 * Issues of the customer's history that agents see: enough to spot a repeated problem, and a bound on
 * what crosses to the workers on every query (a long history, cloned per hop, dominated the main thread).
 */
export const RECENT_ISSUES = 20;

function recentView(customer: Customer | undefined): Customer | null {
  if (!customer) return null;
  if (customer.issuesHistory.length <= RECENT_ISSUES) return customer;
  return { ...customer, issuesHistory: customer.issuesHistory.slice(-RECENT_ISSUES) };
}

/**
 * The stores as services of the actor system: agents on the workers reach them with
 * `ctx.call(service, method, ...)`. `context` bundles what the router needs into one round trip each way.
 */
export function createHostServices(stores: HostStores, clock: Clock): Record<string, Service> {
  const { blackboard, crm, tickets } = stores;
  return {
    context: {
      async load(request: {
        conversationId: string;
        customerId: string;
        channel?: string;
      }): Promise<LoadedContext> {
        const init =
          request.channel === undefined
            ? { customerId: request.customerId }
            : { customerId: request.customerId, channel: request.channel };
        const [conversation, customer] = await Promise.all([
          blackboard.open(request.conversationId, init),
          crm.get(request.customerId),
        ]);
        return {
          state: conversation.state,
          entries: conversation.entries.slice(-CONTEXT_ENTRIES),
          customer: recentView(customer),
        };
      },
      async commit(
        conversationId: string,
        entries: BlackboardEntryInput[],
        state: ConversationState,
      ): Promise<void> {
        // In order: the trail is read back by seq, and a follow-up waits for this write (conversation gate).
        for (const entry of entries) await blackboard.append(conversationId, entry);
        await blackboard.updateState(conversationId, () => state);
      },
    },
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
