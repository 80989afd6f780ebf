import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { DeskProfile } from '../../domain/desk-profile.js';
import type { AppEnv } from '../env.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses } from '../schemas.js';

export function deskRoutes({ desk }: RouteDeps, hook: OpenAPIHono<AppEnv>['defaultHook']) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: hook });
  const route = createRoute({
    method: 'get',
    path: '/v1/desk',
    summary: 'The desk being served: its languages, departments and intents (from its desk.yaml)',
    responses: {
      200: { description: 'The desk', content: { 'application/json': { schema: DeskProfile } } },
      ...errorResponses(401),
    },
  });
  app.openapi(route, (c) => c.json(desk.profile, 200));
  return app;
}
