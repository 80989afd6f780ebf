export { adminAuth, decideAdmin } from './admin-auth.js';
export { apiKeys } from './api-keys.js';
export { readBody } from './read-body.js';
export { closeWhenDraining } from './close-when-draining.js';
export { errorShape } from './error-shape.js';
export { isLoopback } from './client-address.js';
export { createRateLimiter, rateLimit, type RateLimiter } from './rate-limit.js';
export { requestContext } from './request-context.js';
export { requireJson } from './require-json.js';
