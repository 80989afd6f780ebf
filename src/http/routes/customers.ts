import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { Customer } from '../../domain/customer.js';
import { ownOrNotFound, requireScope } from '../access.js';
import type { AppEnv } from '../env.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParam, NoQuery, errorResponses } from '../schemas.js';

export function customerRoutes({ desk }: RouteDeps, hook: OpenAPIHono<AppEnv>['defaultHook']) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: hook });
  const route = createRoute({
    method: 'get',
    path: '/v1/customers/{id}',
    operationId: 'getCustomer',
    tags: ['Customers'],
    summary: 'A customer record with its issue history',
    request: { params: IdParam, query: NoQuery },
    responses: {
      200: { description: 'The customer', content: { 'application/json': { schema: Customer } } },
      ...errorResponses(404),
    },
  });
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    requireScope(c, 'customers:read', true);
    const customer = ownOrNotFound(
      c,
      await desk.getCustomer(id),
      (found) => found.customerId,
      'CUSTOMER_NOT_FOUND',
      `no customer ${id}`,
    );
    return c.json(customer, 200);
  });
  return app;
}
