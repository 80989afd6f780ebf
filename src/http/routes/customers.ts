import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { Customer } from '../../domain/customer.js';
import type { AppEnv } from '../env.js';
import { NotFoundError } from '../errors.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParam, errorResponses } from '../schemas.js';

export function customerRoutes({ desk }: RouteDeps, hook: OpenAPIHono<AppEnv>['defaultHook']) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: hook });
  const route = createRoute({
    method: 'get',
    path: '/v1/customers/{id}',
    operationId: 'getCustomer',
    tags: ['Customers'],
    summary: 'A customer record with its issue history',
    request: { params: IdParam },
    responses: {
      200: { description: 'The customer', content: { 'application/json': { schema: Customer } } },
      ...errorResponses(401, 404),
    },
  });
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const customer = await desk.getCustomer(id);
    if (!customer) throw new NotFoundError('CUSTOMER_NOT_FOUND', `no customer ${id}`);
    return c.json(customer, 200);
  });
  return app;
}
