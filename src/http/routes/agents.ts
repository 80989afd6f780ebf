import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { SystemEvent } from '../../runtime/index.js';
import { requireIntegrator } from '../access.js';
import type { AppEnv } from '../env.js';
import { ADMIN } from '../openapi.js';
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
  NoQuery,
  ScaleRequest,
  ScaleResult,
  TypeParam,
  errorResponses,
} from '../schemas.js';

const CONTROL_ACTIONS = ['restart', 'stop', 'start'] as const;

/** Agent changes waiting for a slow SSE client; beyond it the stream is ended (see EventFeed). */
const AGENT_STREAM_BUFFER = 1_000;

export function agentRoutes(
  { desk, lifecycle, options }: RouteDeps,
  hook: OpenAPIHono<AppEnv>['defaultHook'],
) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: hook });
  const adminKeys = options.apiKeys.some((key) => key.scopes.includes('admin'));
  const batched = createAgentFeed(desk.agents);

  const list = createRoute({
    method: 'get',
    path: '/v1/agents',
    operationId: 'listAgents',
    tags: ['Agents'],
    summary: "Every agent's status",
    request: { query: NoQuery },
    responses: {
      200: {
        description: 'Agents',
        content: { 'application/json': { schema: z.object({ agents: z.array(AgentStatus) }) } },
      },
      ...errorResponses(),
    },
  });
  app.openapi(list, (c) => {
    requireIntegrator(c);
    return c.json({ agents: desk.agents.status() }, 200);
  });

  const stream = createRoute({
    method: 'get',
    path: '/v1/agents/stream',
    operationId: 'streamAgents',
    tags: ['Agents'],
    summary: 'Agent status as SSE: a snapshot event, then every change (event name = its type)',
    description:
      'With `batched=true`, changes arrive at most every 500 ms with only the latest status of each ' +
      'agent (what a screen needs, at a fraction of the cost); other events keep their order.',
    request: { query: AgentStreamQuery },
    responses: {
      200: { description: 'Event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
      ...errorResponses(),
    },
  });
  app.openapi(stream, (c) => {
    requireIntegrator(c);
    const { batched: wantsBatches } = c.req.valid('query');
    return streamSSE(c, async (sse) => {
      const changes = createEventFeed<SystemEvent>({ maxItems: AGENT_STREAM_BUFFER });
      const frames = createEventFeed<string>({ maxItems: AGENT_STREAM_BUFFER });
      // The client stopped reading: a write is stuck on its socket, so only dropping it ends the stream.
      const dropIfOverflowed = () => {
        if (changes.overflowed || frames.overflowed) c.env?.incoming?.socket.destroy();
      };
      const end = () => {
        changes.end();
        frames.end();
      };
      const unsubscribe = wantsBatches
        ? batched.subscribe((batch) => {
            frames.push(batch);
            dropIfOverflowed();
          })
        : desk.agents.subscribe((event) => {
            changes.push(event);
            dropIfOverflowed();
          });
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
      operationId: `${action}Agent`,
      tags: ['Agents'],
      security: ADMIN,
      summary: `${action[0]?.toUpperCase()}${action.slice(1)} one agent (admin)`,
      description:
        'Needs `Authorization: Bearer <SWARM_ADMIN_TOKEN>`; without that variable, only loopback clients.',
      middleware: [adminAuth(options.adminToken, adminKeys)] as const,
      request: { params: IdParam, query: NoQuery },
      responses: {
        200: { description: 'Done', content: { 'application/json': { schema: ControlResult } } },
        ...errorResponses(404, 413, 415, 504),
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
    operationId: 'scaleAgents',
    tags: ['Agents'],
    security: ADMIN,
    summary: 'Set the number of instances of an agent type (admin)',
    middleware: [adminAuth(options.adminToken, adminKeys)] as const,
    request: {
      params: TypeParam,
      query: NoQuery,
      body: { content: { 'application/json': { schema: ScaleRequest } }, required: true },
    },
    responses: {
      200: {
        description: 'The instance ids after scaling',
        content: { 'application/json': { schema: ScaleResult } },
      },
      ...errorResponses(404, 413, 415, 422, 504),
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
    operationId: 'killWorkerThread',
    tags: ['Agents'],
    security: ADMIN,
    summary: 'Kill a worker thread, as a crash would (admin; only with SWARM_FAULT_INJECTION=1)',
    middleware: [adminAuth(options.adminToken, adminKeys)] as const,
    request: { query: NoQuery },
    responses: {
      200: {
        description: 'The thread killed; the supervisor replaces it and restarts its agents',
        content: { 'application/json': { schema: z.object({ thread: z.number().int() }) } },
      },
      ...errorResponses(404, 413, 415, 504),
    },
  });
  app.openapi(threadExit, async (c) => {
    if (!options.faultInjection) throw new NotFoundError('NOT_FOUND', `no route POST ${c.req.path}`);
    return c.json({ thread: await desk.agents.killThread() }, 200);
  });

  return app;
}
