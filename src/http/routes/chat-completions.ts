import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../env.js';
import {
  CONVERSATION_HEADER,
  CUSTOMER_HEADER,
  ChatCompletion,
  ChatCompletionRequest,
  Model,
  ModelList,
  ModelParam,
  OpenAiErrorBody,
  deskModels,
  toCompletion,
  toQueryInput,
  writeCompletionChunks,
} from '../openai/index.js';
import { runQuery } from '../query-run.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponsesWith } from '../schemas.js';
import { requireScope, requireSelf } from '../access.js';

/** Where errors take OpenAI's shape instead of the API's own (see `errorShape` in app.ts). */
export const OPENAI_PATHS = ['/v1/chat/completions', '/v1/models', '/v1/models/*'] as const;

/**
 * The OpenAI chat-completions protocol over the desk, for front-ends and SDKs that speak only it. The
 * last user message is the customer's message; the desk keeps the conversation. The model `swarmdesk`
 * is the desk, and `swarmdesk/<department>` one of its departments, whose specialist answers.
 */
export function chatCompletionRoutes(
  { desk, lifecycle, options }: RouteDeps,
  hook: OpenAPIHono<AppEnv>['defaultHook'],
) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: hook });
  const models = deskModels(desk.profile, Math.floor(Date.now() / 1000));

  const complete = createRoute({
    method: 'post',
    path: '/v1/chat/completions',
    operationId: 'createChatCompletion',
    tags: ['OpenAI-compatible'],
    summary: 'OpenAI-compatible chat completion: the last user message is the customer message',
    description:
      `The model is \`swarmdesk\` (the desk) or \`swarmdesk/<department>\` (that department answers; ` +
      `see listModels). The customer is \`user\` (\`customerId\` or \`customerId:conversationId\`) or the ` +
      `\`X-Swarm-Customer-Id\` and \`X-Swarm-Conversation-Id\` headers. The answer names its conversation ` +
      `in \`swarm.conversationId\` and the \`X-Swarm-Conversation-Id\` response header. With ` +
      "`stream: true`, `chat.completion.chunk` SSE frames ending in `data: [DONE]`. Errors use OpenAI's shape.",
    request: {
      body: { content: { 'application/json': { schema: ChatCompletionRequest } }, required: true },
    },
    responses: {
      200: {
        description: 'The completion (JSON), or its chunks (SSE)',
        content: {
          'application/json': { schema: ChatCompletion },
          'text/event-stream': { schema: { type: 'string' } },
        },
      },
      ...errorResponsesWith(OpenAiErrorBody, [400, 401, 404, 409, 413, 415, 429, 503]),
    },
  });

  app.openapi(complete, async (c) => {
    const body = c.req.valid('json');
    const { department } = models.resolve(body.model);
    const input = {
      ...toQueryInput(
        body,
        { customerId: c.req.header(CUSTOMER_HEADER), conversationId: c.req.header(CONVERSATION_HEADER) },
        options.messageMaxLength,
      ),
      ...(department === undefined ? {} : { department }),
    };
    // The same rules as POST /v1/queries: a customer token writes only as its own customer.
    requireScope(c, 'queries', true);
    requireSelf(c, input.customerId);
    if (!body.stream) {
      lifecycle.assertAccepting();
      const result = await lifecycle.track(desk.submit(input));
      c.header(CONVERSATION_HEADER, result.conversationId);
      return c.json(toCompletion(result, body.model), 200);
    }
    const run = runQuery(desk, lifecycle, input);
    // Refusals (busy, full, shutting down) come before any event: answer them with a status, not a stream.
    await run.events.ready();
    const first = run.events.peek();
    if (first?.type === 'error') await run.result;
    if (first?.type === 'routed') c.header(CONVERSATION_HEADER, first.conversationId);
    const includeUsage = body.stream_options?.include_usage === true;
    return streamSSE(c, (stream) => writeCompletionChunks(stream, run.events, body.model, includeUsage));
  });

  const list = createRoute({
    method: 'get',
    path: '/v1/models',
    operationId: 'listModels',
    tags: ['OpenAI-compatible'],
    summary: 'OpenAI-compatible model list: the desk, and each of its departments',
    description:
      '`swarmdesk` is the desk: the router chooses the department. `swarmdesk/<department>` (one per ' +
      "specialist department of the desk) sends every message to that department's specialist; " +
      'escalation to a person still applies.',
    responses: {
      200: { description: 'The models', content: { 'application/json': { schema: ModelList } } },
      ...errorResponsesWith(OpenAiErrorBody, [401, 429]),
    },
  });
  app.openapi(list, (c) => c.json({ object: 'list' as const, data: models.list }, 200));

  const retrieve = createRoute({
    method: 'get',
    path: '/v1/models/{model}',
    operationId: 'retrieveModel',
    tags: ['OpenAI-compatible'],
    summary: 'OpenAI-compatible model lookup',
    request: { params: ModelParam },
    responses: {
      200: { description: 'The model', content: { 'application/json': { schema: Model } } },
      ...errorResponsesWith(OpenAiErrorBody, [401, 404, 429]),
    },
  });
  app.openapi(retrieve, (c) => c.json(models.resolve(c.req.valid('param').model).model, 200));

  return app;
}
