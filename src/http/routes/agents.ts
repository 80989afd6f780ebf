import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { SystemEvent } from '../../runtime/index.js';
import type { AppEnv } from '../env.js';
import { NotFoundError } from '../errors.js';
import { createAgentFeed } from '../agent-feed.js';
import { createEventFeed } from '../event-feed.js';
import { adminAuth } from '../middleware/index.js';
import type { RouteDeps } from '../route-deps.js';
import { sseFrame, writeFeed, writeFrames } from '../sse-frames.js';
import {
  AgentStatus,
  AgentStreamQuery,
  ControlResult,
  IdParam,
  ScaleRequest,
  ScaleResult,
  TypeParam,
  errorResponses,
} from '../schemas.js';

const CONTROL_ACTIONS = ['restart', 'stop', 'start'] as const;

export function agentRoutes(
  { desk, lifecycle, options }: RouteDeps,
  hook: OpenAPIHono<AppEnv>['defaultHook'],
) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: hook });
  const batched = createAgentFeed(desk.agents);

  const list = createRoute({
    method: 'get',
    path: '/v1/agents',
    summary: "Every agent's status",
    responses: {
      200: {
        description: 'Agents',
        content: { 'application/json': { schema: z.object({ agents: z.array(AgentStatus) }) } },
      },
      ...errorResponses(401),
    },
  });
  app.openapi(list, (c) => c.json({ agents: desk.agents.status() }, 200));

  const stream = createRoute({
    method: 'get',
    path: '/v1/agents/stream',
    summary: 'Agent status as SSE: a `snapshot` event, then every change (event name = its type)',
    description:
      'With `batched=true`, changes arrive at most every 500 ms with only the latest status of each ' +
      'agent (what a screen needs, at a fraction of the cost); other events keep their order.',
    request: { query: AgentStreamQuery },
    responses: {
      200: { description: 'Event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
      ...errorResponses(400, 401),
    },
  });
  app.openapi(stream, (c) => {
    const { batched: wantsBatches } = c.req.valid('query');
    return streamSSE(c, async (sse) => {
      const changes = createEventFeed<SystemEvent>();
      const frames = createEventFeed<string>();
      const end = () => {
        changes.end();
        frames.end();
      };
      const unsubscribe = wantsBatches
        ? batched.subscribe((batch) => frames.push(batch))
        : desk.agents.subscribe((event) => changes.push(event));
      const unregister = lifecycle.onClose(end);
      // Comment lines keep proxies and load balancers from closing an idle stream.
      const keepAlive = setInterval(
        () => void sse.write(': keep-alive\n\n').catch(end),
        options.sseKeepAliveMs,
      );
      sse.onAbort(end);
      try {
        await sse.write(sseFrame('snapshot', { agents: desk.agents.status() }));
        await (wantsBatches ? writeFrames(sse, frames) : writeFeed(sse, changes));
      } finally {
        clearInterval(keepAlive);
        unsubscribe();
        unregister();
      }
    });
  });

  for (const action of CONTROL_ACTIONS) {
    const control = createRoute({
      method: 'post',
      path: `/v1/agents/{id}/${action}`,
      summary: `${action[0]?.toUpperCase()}${action.slice(1)} one agent (admin)`,
      description:
        'Needs `Authorization: Bearer <SWARM_ADMIN_TOKEN>`; without that variable, only loopback clients.',
      middleware: [adminAuth(options.adminToken)] as const,
      request: { params: IdParam },
      responses: {
        200: { description: 'Done', content: { 'application/json': { schema: ControlResult } } },
        ...errorResponses(401, 403, 404, 503),
      },
    });
    app.openapi(control, async (c) => {
      const { id } = c.req.valid('param');
      await desk.agents[action](id);
      return c.json({ id, action }, 200);
    });
  }

  const scale = createRoute({
    method: 'post',
    path: '/v1/agents/{type}/scale',
    summary: 'Set the number of instances of an agent type (admin)',
    middleware: [adminAuth(options.adminToken)] as const,
    request: {
      params: TypeParam,
      body: { content: { 'application/json': { schema: ScaleRequest } }, required: true },
    },
    responses: {
      200: {
        description: 'The instance ids after scaling',
        content: { 'application/json': { schema: ScaleResult } },
      },
      ...errorResponses(400, 401, 403, 404, 422),
    },
  });
  app.openapi(scale, async (c) => {
    const { type } = c.req.valid('param');
    const instances = await desk.agents.scale(type, c.req.valid('json').instances);
    return c.json({ type, instances }, 200);
  });

  const threadExit = createRoute({
    method: 'post',
    path: '/v1/faults/thread-exit',
    summary: 'Kill a worker thread, as a crash would (admin; only with SWARM_FAULT_INJECTION=1)',
    middleware: [adminAuth(options.adminToken)] as const,
    responses: {
      200: {
        description: 'The thread killed; the supervisor replaces it and restarts its agents',
        content: { 'application/json': { schema: z.object({ thread: z.number().int() }) } },
      },
      ...errorResponses(401, 403, 404),
    },
  });
  app.openapi(threadExit, async (c) => {
    if (!options.faultInjection) throw new NotFoundError('NOT_FOUND', `no route POST ${c.req.path}`);
    return c.json({ thread: await desk.agents.killThread() }, 200);
  });

  return app;
}
