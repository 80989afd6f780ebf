import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.js';
import { OPEN } from '../openapi.js';
import type { EdgeMetrics } from '../metrics.js';
import type { RouteDeps } from '../route-deps.js';
import { Readiness } from '../schemas.js';

export function systemRoutes({ desk, lifecycle }: RouteDeps, metrics: EdgeMetrics) {
  const app = new OpenAPIHono<AppEnv>();

  const health = createRoute({
    method: 'get',
    path: '/healthz',
    operationId: 'getHealth',
    tags: ['System'],
    security: OPEN,
    summary: 'Liveness: the process is up',
    responses: {
      200: {
        description: 'Up',
        content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
      },
    },
  });
  app.openapi(health, (c) => c.json({ status: 'ok' as const }, 200));

  const ready = createRoute({
    method: 'get',
    path: '/readyz',
    operationId: 'getReadiness',
    tags: ['System'],
    security: OPEN,
    summary: 'Readiness: the desk can take queries (503 while starting, degraded or shutting down)',
    responses: {
      200: { description: 'Ready', content: { 'application/json': { schema: Readiness } } },
      503: {
        description: 'Not ready; the checks say why',
        content: { 'application/json': { schema: Readiness } },
      },
    },
  });
  app.openapi(ready, async (c) => {
    const readiness = await desk.readiness();
    if (lifecycle.draining) return c.json({ ...readiness, ready: false }, 503);
    return c.json(readiness, readiness.ready ? 200 : 503);
  });

  const scrape = createRoute({
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    tags: ['System'],
    security: OPEN,
    summary: 'Prometheus metrics: HTTP requests, queries, agents, mailboxes, the event loop',
    responses: {
      200: {
        description: 'The Prometheus text exposition format',
        content: { 'text/plain': { schema: z.string() } },
      },
    },
  });
  app.openapi(scrape, async (c) =>
    c.text(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType }),
  );

  return app;
}
