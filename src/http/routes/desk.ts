import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { DeskProfile } from '../../domain/desk-profile.js';
import type { AppEnv } from '../env.js';
import type { RouteDeps } from '../route-deps.js';
import { NoQuery, errorResponses } from '../schemas.js';

/**
 * The desk as a customer's client sees it: the departments' agent instructions and backend actions
 * are the business's own, not something to hand a browser.
 */
function customerView(profile: DeskProfile): DeskProfile {
  const departments = Object.fromEntries(
    Object.entries(profile.departments).map(([name, { instructions: _, tools: __, ...shown }]) => [
      name,
      shown,
    ]),
  );
  return { ...profile, departments };
}

export function deskRoutes({ desk }: RouteDeps, hook: OpenAPIHono<AppEnv>['defaultHook']) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: hook });
  const route = createRoute({
    method: 'get',
    path: '/v1/desk',
    operationId: 'getDesk',
    tags: ['Desk'],
    summary: 'The desk being served: its languages, departments and intents (from its desk.yaml)',
    description:
      'Open to every caller, customer tokens included: it holds no customer data. A customer token ' +
      "sees no department's `instructions` or `tools`.",
    request: { query: NoQuery },
    responses: {
      200: { description: 'The desk', content: { 'application/json': { schema: DeskProfile } } },
      ...errorResponses(),
    },
  });
  const forCustomers = customerView(desk.profile);
  app.openapi(route, (c) =>
    c.json(c.get('principal')?.kind === 'customer' ? forCustomers : desk.profile, 200),
  );
  return app;
}
