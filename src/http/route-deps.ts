import type { Desk } from '../desk/index.js';
import type { ResolvedHttpOptions } from './http-options.js';
import type { Lifecycle } from './lifecycle.js';
import type { RateLimiter } from './middleware/index.js';

/** What every route group is built from. */
export interface RouteDeps {
  desk: Desk;
  lifecycle: Lifecycle;
  options: ResolvedHttpOptions;
  /** Absent when rate limiting is off. */
  limiter?: RateLimiter;
}
