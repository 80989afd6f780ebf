import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { Ticket } from '../../domain/ticket.js';
import type { AppEnv } from '../env.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses } from '../schemas.js';

export function ticketRoutes({ desk }: RouteDeps, hook: OpenAPIHono<AppEnv>['defaultHook']) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: hook });
  const route = createRoute({
    method: 'get',
    path: '/v1/tickets',
    summary: 'Human-handoff tickets opened by the escalation agent',
    responses: {
      200: {
        description: 'Every ticket',
        content: { 'application/json': { schema: z.object({ tickets: z.array(Ticket) }) } },
      },
      ...errorResponses(401),
    },
  });
  app.openapi(route, async (c) => c.json({ tickets: await desk.listTickets() }, 200));
  return app;
}
