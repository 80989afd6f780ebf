import { randomUUID } from 'node:crypto';
import type { LlmHostService, LlmService } from '../llm/index.js';
import type { Blackboard } from '../blackboard/index.js';
import type { Crm } from '../crm/index.js';
import type { Ticket } from '../domain/ticket.js';
import type { Clock, Service } from '../runtime/index.js';
import type { TicketQueue } from '../tickets/index.js';
import { TicketRequest, dueBy } from '../actors/index.js';

export interface HostStores {
  blackboard: Blackboard;
  crm: Crm;
  tickets: TicketQueue;
}

/**
 * The stores agents reach from the workers, as services of the actor system (`ctx.call(service,
 * method, ...)`): the ticket queue. The blackboard and the CRM are read and written by the desk on the
 * main thread; their part of each query rides with the messages.
 */
export function createHostServices(tickets: TicketQueue, clock: Clock): Record<string, Service> {
  return {
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

/** An LLM service built by the desk, which keeps each query's token usage for its result. */
export function isHostService(service: LlmService): service is LlmHostService {
  return typeof (service as Partial<LlmHostService>).takeUsage === 'function';
}
