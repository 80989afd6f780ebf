import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { Ticket, TicketUpdate } from '../../domain/ticket.js';
import { requireScope } from '../access.js';
import type { AppEnv } from '../env.js';
import { NotFoundError } from '../errors.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParam, IdempotencyHeaders, NoQuery, TicketListQuery, errorResponses } from '../schemas.js';

/** The human-handoff queue, for the people who work it: list, read one, take it, close it. */
export function ticketRoutes({ desk }: RouteDeps, hook: OpenAPIHono<AppEnv>['defaultHook']) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: hook });
  const found = (id: string, ticket: Ticket | undefined): Ticket => {
    if (!ticket) throw new NotFoundError('TICKET_NOT_FOUND', `no ticket ${id}`);
    return ticket;
  };

  const list = createRoute({
    method: 'get',
    path: '/v1/tickets',
    operationId: 'listTickets',
    tags: ['Tickets'],
    summary: 'Human-handoff tickets opened by the escalation agent, most urgent first, then oldest',
    request: { query: TicketListQuery },
    responses: {
      200: {
        description: 'Up to `limit` tickets (default 100), filtered by `status` and `assignee` when given',
        content: { 'application/json': { schema: z.object({ tickets: z.array(Ticket) }) } },
      },
      ...errorResponses(),
    },
  });
  app.openapi(list, async (c) => {
    const { status, assignee, limit } = c.req.valid('query');
    requireScope(c, 'tickets', false);
    const filters = { ...(status ? { status } : {}), ...(assignee ? { assignee } : {}) };
    return c.json({ tickets: await desk.listTickets({ ...filters, limit }) }, 200);
  });

  const get = createRoute({
    method: 'get',
    path: '/v1/tickets/{id}',
    operationId: 'getTicket',
    tags: ['Tickets'],
    summary: 'One ticket',
    request: { params: IdParam, query: NoQuery },
    responses: {
      200: { description: 'The ticket', content: { 'application/json': { schema: Ticket } } },
      ...errorResponses(404),
    },
  });
  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    requireScope(c, 'tickets', false);
    return c.json(found(id, await desk.getTicket(id)), 200);
  });

  const change = createRoute({
    method: 'patch',
    path: '/v1/tickets/{id}',
    operationId: 'changeTicketStatus',
    tags: ['Tickets'],
    summary: 'Take a ticket, assign it, close it, put it back in the queue, or add a note',
    description:
      'Changes `status`, `assignee` (null unassigns) and appends `note` to `notes`, as one step. Unknown ' +
      'fields are refused with 400 VALIDATION_FAILED naming them.',
    request: {
      params: IdParam,
      headers: IdempotencyHeaders,
      query: NoQuery,
      body: { content: { 'application/json': { schema: TicketUpdate } }, required: true },
    },
    responses: {
      200: { description: 'The ticket as changed', content: { 'application/json': { schema: Ticket } } },
      ...errorResponses(404, 409, 413, 415, 422),
    },
  });
  app.openapi(change, async (c) => {
    const { id } = c.req.valid('param');
    requireScope(c, 'tickets', false);
    return c.json(found(id, await desk.updateTicket(id, c.req.valid('json'))), 200);
  });
  return app;
}
