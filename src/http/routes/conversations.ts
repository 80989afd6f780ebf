import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { Conversation } from '../../domain/conversation.js';
import { ownOrNotFound, requireScope } from '../access.js';
import type { AppEnv } from '../env.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParam, errorResponses } from '../schemas.js';

/** Most entries one page of a trail holds: as many as a conversation keeps (the newest 200). */
const TRAIL_PAGE_MAX = 200;

/** A page of the trail: the newest `limit` entries, or those older than `before` (a `seq`). */
const TrailQuery = z
  .object({
    before: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(TRAIL_PAGE_MAX).default(TRAIL_PAGE_MAX),
  })
  .strict();

const ConversationPage = Conversation.extend({
  page: z.object({
    /** Pass as `before` for the next older page; null when this page reaches the oldest kept entry. */
    nextBefore: z.number().int().nullable(),
  }),
}).openapi('ConversationPage');

export function conversationRoutes({ desk }: RouteDeps, hook: OpenAPIHono<AppEnv>['defaultHook']) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: hook });
  const route = createRoute({
    method: 'get',
    path: '/v1/conversations/{id}',
    operationId: 'getConversation',
    tags: ['Conversations'],
    summary: 'A conversation: its state and a page of the blackboard trail of every agent that worked on it',
    description:
      `A conversation keeps its newest ${TRAIL_PAGE_MAX} trail entries; older ones are dropped (their \`seq\` ` +
      'numbers are not reused). Entries come oldest first; `page.nextBefore` pages back through the rest.',
    request: { params: IdParam, query: TrailQuery },
    responses: {
      200: { description: 'The conversation', content: { 'application/json': { schema: ConversationPage } } },
      ...errorResponses(404),
    },
  });
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const { before, limit } = c.req.valid('query');
    requireScope(c, 'queries', true);
    const conversation = ownOrNotFound(
      c,
      await desk.getConversation(id),
      (found) => found.customerId,
      'CONVERSATION_NOT_FOUND',
      `no conversation ${id}`,
    );
    const older =
      before === undefined ? conversation.entries : conversation.entries.filter((e) => e.seq < before);
    const entries = older.slice(-limit);
    const nextBefore = entries.length < older.length ? (entries[0]?.seq ?? null) : null;
    return c.json({ ...conversation, entries, page: { nextBefore } }, 200);
  });
  return app;
}
