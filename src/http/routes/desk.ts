import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { DeskProfile } from '../../domain/desk-profile.js';
import type { AppEnv } from '../env.js';
import type { RouteDeps } from '../route-deps.js';
import { NoQuery, errorResponses } from '../schemas.js';

export function deskRoutes({ desk }: RouteDeps, hook: OpenAPIHono<AppEnv>['defaultHook']) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: hook });
  const route = createRoute({
    method: 'get',
    path: '/v1/desk',
    operationId: 'getDesk',
    tags: ['Desk'],
    summary: 'The desk being served: its languages, departments and intents (from its desk.yaml)',
    description: 'Open to every caller, customer tokens included: it holds no customer data.',
    request: { query: NoQuery },
    responses: {
      200: { description: 'The desk', content: { 'application/json': { schema: DeskProfile } } },
      ...errorResponses(),
    },
  });
  app.openapi(route, (c) => c.json(desk.profile, 200));
  return app;
}
