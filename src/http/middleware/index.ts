export { IDEMPOTENCY_HEADER, REPLAYED_HEADER, idempotency, type IdempotencyOptions } from './idempotency.js';
export { adminAuth, decideAdmin, type AdminDecision, type AdminKeys } from './admin-auth.js';
export { authenticate, isGuarded, type AuthOptions } from './authenticate.js';
export { readBody } from './read-body.js';
export { closeWhenDraining } from './close-when-draining.js';
export { clientAddresses, isLoopback } from './client-address.js';
export { errorShape } from './error-shape.js';
export {
  ProxyAddress,
  resolveClientAddress,
  trustedProxies,
  type TrustedProxies,
} from './trusted-proxies.js';
export { createRateLimiter, rateLimit, type RateLimitStore, type RateLimiter } from './rate-limit.js';
export { requestContext } from './request-context.js';
export { requireJson } from './require-json.js';
