import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { Customer } from '../../domain/customer.js';
import { Id } from '../../domain/id.js';
import { ownOrNotFound, requireScope } from '../access.js';
import type { AppEnv } from '../env.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParam, NoQuery, errorResponses } from '../schemas.js';

const TokenRevocationRequest = z.object({ customerId: Id }).strict().openapi('TokenRevocationRequest');

const TokenRevocation = z
  .object({
    customerId: z.string(),
    revokedAt: z.string().openapi({
      description:
        "ISO 8601, to the second: the customer's tokens issued (`iat`) at or before it are refused.",
    }),
  })
  .openapi('TokenRevocation');

export function customerRoutes({ desk, revocations }: RouteDeps, hook: OpenAPIHono<AppEnv>['defaultHook']) {
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

  const revoke = createRoute({
    method: 'post',
    path: '/v1/token-revocations',
    operationId: 'revokeCustomerTokens',
    tags: ['Customers'],
    summary: 'Revoke every customer token of a customer issued until now',
    description:
      'Every customer token of this customer issued (`iat`) at or before the current second, or without ' +
      '`iat`, is refused with 401 from now on, by every process on the same Redis; tokens minted ' +
      'afterwards work. For a customer who signed out everywhere or whose device was lost. The customer ' +
      'need not be in the CRM. Kept 30 days: tokens should expire well within that.',
    request: {
      query: NoQuery,
      body: { content: { 'application/json': { schema: TokenRevocationRequest } }, required: true },
    },
    responses: {
      200: {
        description: 'The revocation in force',
        content: { 'application/json': { schema: TokenRevocation } },
      },
      ...errorResponses(413, 415),
    },
  });
  app.openapi(revoke, async (c) => {
    const { customerId } = c.req.valid('json');
    requireScope(c, 'tokens', false);
    const at = await revocations.revoke(customerId, Date.now() / 1000);
    return c.json({ customerId, revokedAt: new Date(at * 1000).toISOString() }, 200);
  });
  return app;
}
