import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { Delivery, DeliveryNotFoundError, DeliveryStatus } from '../../webhooks/index.js';
import type { AppEnv } from '../env.js';
import { adminAuth } from '../middleware/index.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParam, errorResponses } from '../schemas.js';

const DeliveryListQuery = z.object({
  status: DeliveryStatus.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** The webhook outbox, for whoever runs the receivers: what was sent, what failed, and a replay. */
export function webhookRoutes({ webhooks, options }: RouteDeps, hook: OpenAPIHono<AppEnv>['defaultHook']) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: hook });

  const list = createRoute({
    method: 'get',
    path: '/v1/webhooks/deliveries',
    operationId: 'listWebhookDeliveries',
    tags: ['Webhooks'],
    summary: 'Webhook deliveries, newest first, with their status and attempts',
    request: { query: DeliveryListQuery },
    responses: {
      200: {
        description: 'Up to `limit` deliveries (default 100), of one status when `status` is given',
        content: { 'application/json': { schema: z.object({ deliveries: z.array(Delivery) }) } },
      },
      ...errorResponses(),
    },
  });
  app.openapi(list, async (c) => {
    const { status, limit } = c.req.valid('query');
    const deliveries = webhooks ? await webhooks.list({ limit, ...(status ? { status } : {}) }) : [];
    return c.json({ deliveries }, 200);
  });

  const replay = createRoute({
    method: 'post',
    path: '/v1/webhooks/deliveries/{id}/replay',
    operationId: 'replayWebhookDelivery',
    tags: ['Webhooks'],
    summary: 'Send a delivery again (admin)',
    description:
      'Puts the delivery back in the outbox, due at once, with the whole retry schedule ahead of it; ' +
      'its earlier attempts are kept. Needs `Authorization: Bearer <SWARM_ADMIN_TOKEN>`; without that ' +
      'variable, only loopback clients.',
    middleware: [
      adminAuth(
        options.adminToken,
        options.apiKeys.some((key) => key.scopes.includes('admin')),
      ),
    ] as const,
    request: { params: IdParam },
    responses: {
      200: {
        description: 'The delivery as queued again',
        content: { 'application/json': { schema: Delivery } },
      },
      ...errorResponses(404, 413, 415),
    },
  });
  app.openapi(replay, async (c) => {
    const { id } = c.req.valid('param');
    if (!webhooks) throw new DeliveryNotFoundError(id);
    return c.json(await webhooks.replay(id), 200);
  });

  return app;
}
