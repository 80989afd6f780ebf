import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { Conversation } from '../../domain/conversation.js';
import type { AppEnv } from '../env.js';
import { NotFoundError } from '../errors.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParam, errorResponses } from '../schemas.js';

export function conversationRoutes({ desk }: RouteDeps, hook: OpenAPIHono<AppEnv>['defaultHook']) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: hook });
  const route = createRoute({
    method: 'get',
    path: '/v1/conversations/{id}',
    operationId: 'getConversation',
    tags: ['Conversations'],
    summary: 'A conversation: its state and the blackboard trail of every agent that worked on it',
    request: { params: IdParam },
    responses: {
      200: { description: 'The conversation', content: { 'application/json': { schema: Conversation } } },
      ...errorResponses(401, 404),
    },
  });
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const conversation = await desk.getConversation(id);
    if (!conversation) throw new NotFoundError('CONVERSATION_NOT_FOUND', `no conversation ${id}`);
    return c.json(conversation, 200);
  });
  return app;
}
