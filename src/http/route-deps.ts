import type { Logger } from 'pino';
import type { Desk } from '../desk/index.js';
import type { TokenRevocations } from '../revocations/index.js';
import type { WebhookDispatcher } from '../webhooks/index.js';
import type { ResolvedHttpOptions } from './http-options.js';
import type { Lifecycle } from './lifecycle.js';
import type { RateLimiter } from './middleware/index.js';

/** What every route group is built from. */
export interface RouteDeps {
  desk: Desk;
  lifecycle: Lifecycle;
  options: ResolvedHttpOptions;
  logger: Logger;
  /** Customers whose tokens were revoked (checked on every customer token). */
  revocations: TokenRevocations;
  /** Absent when rate limiting is off. */
  limiter?: RateLimiter;
  /** Absent when no webhook is subscribed. */
  webhooks?: WebhookDispatcher;
}
