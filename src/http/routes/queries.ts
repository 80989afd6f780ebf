import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { specialistDepartments } from '../../domain/desk-profile.js';
import { Feedback, FeedbackOutcome, QueryResult } from '../../domain/query.js';
import { ownOrNotFound, requireScope, requireSelf, tokenCustomer } from '../access.js';
import type { AppEnv } from '../env.js';
import { runQuery } from '../query-run.js';
import { writeFeed } from '../sse-frames.js';
import type { RouteDeps } from '../route-deps.js';
import {
  IdParam,
  IdempotencyHeaders,
  NoQuery,
  STREAM_EVENT_REF,
  errorResponses,
  queryRequest,
} from '../schemas.js';

function wantsEventStream(accept: string | undefined): boolean {
  return accept !== undefined && accept.includes('text/event-stream');
}

export function queryRoutes(
  { desk, lifecycle, options }: RouteDeps,
  hook: OpenAPIHono<AppEnv>['defaultHook'],
) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: hook });

  const submit = createRoute({
    method: 'post',
    path: '/v1/queries',
    operationId: 'submitQuery',
    tags: ['Queries'],
    summary: 'Submit a customer message',
    description:
      'Routes and answers one message. With `Accept: text/event-stream` the answer streams as SSE events ' +
      '`routed`, `handoff`, `token` ({"delta"}), then `done` (the full result) or `error`.',
    request: {
      headers: IdempotencyHeaders,
      query: NoQuery,
      body: {
        content: {
          'application/json': {
            schema: queryRequest(options.messageMaxLength, specialistDepartments(desk.profile)),
          },
        },
        required: true,
      },
    },
    responses: {
      200: {
        description:
          'The answered query (JSON), or its event stream (SSE: each event named by its type, its data one StreamEvent)',
        content: {
          'application/json': { schema: QueryResult },
          'text/event-stream': { schema: STREAM_EVENT_REF },
        },
      },
      ...errorResponses(409, 413, 415, 422, 504),
    },
  });

  app.openapi(submit, async (c) => {
    const input = c.req.valid('json');
    requireScope(c, 'queries', true);
    requireSelf(c, input.customerId);
    if (!wantsEventStream(c.req.header('accept'))) {
      // No onEvent: the desk streams tokens only when someone listens.
      lifecycle.assertAccepting();
      return c.json(await lifecycle.track(desk.submit(input)), 200);
    }
    const run = runQuery(desk, lifecycle, input);

    // Refusals (busy, full, shutting down) come before any event: answer them with a status, not a stream.
    await run.events.ready();
    if (run.events.peek()?.type === 'error') await run.result;
    return streamSSE(c, (stream) => writeFeed(stream, run.events));
  });

  const get = createRoute({
    method: 'get',
    path: '/v1/queries/{id}',
    operationId: 'getQuery',
    tags: ['Queries'],
    summary: 'A stored query result',
    request: { params: IdParam, query: NoQuery },
    responses: {
      200: { description: 'The query', content: { 'application/json': { schema: QueryResult } } },
      ...errorResponses(404),
    },
  });

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    requireScope(c, 'queries', true);
    const result = ownOrNotFound(
      c,
      await desk.getQuery(id),
      (r) => r.customerId,
      'QUERY_NOT_FOUND',
      `no query ${id}`,
    );
    return c.json(result, 200);
  });

  const feedback = createRoute({
    method: 'post',
    path: '/v1/queries/{id}/feedback',
    operationId: 'giveFeedback',
    tags: ['Queries'],
    summary: 'Rate an answer, mark it resolved, or correct its intent',
    request: {
      params: IdParam,
      headers: IdempotencyHeaders,
      query: NoQuery,
      body: { content: { 'application/json': { schema: Feedback } }, required: true },
    },
    responses: {
      200: {
        description: 'What was recorded and learned',
        content: { 'application/json': { schema: FeedbackOutcome } },
      },
      ...errorResponses(404, 409, 413, 415, 422),
    },
  });

  app.openapi(feedback, async (c) => {
    const { id } = c.req.valid('param');
    // Feedback can change the shared model: it needs the feedback scope, or the query's own customer.
    requireScope(c, 'feedback', true);
    if (tokenCustomer(c) !== undefined)
      ownOrNotFound(c, await desk.getQuery(id), (r) => r.customerId, 'QUERY_NOT_FOUND', `no query ${id}`);
    return c.json(await desk.feedback(id, c.req.valid('json')), 200);
  });

  return app;
}
