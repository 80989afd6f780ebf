export { CircuitBreaker, type BreakerPermit, type BreakerState } from './circuit-breaker.js';
export { ConcurrencyLimiter } from './concurrency-limiter.js';
export { backoffDelay, retryAfterHint, type BackoffOptions } from './retry-policy.js';
