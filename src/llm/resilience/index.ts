export { CircuitBreaker, type BreakerPermit } from './circuit-breaker.js';
export { ConcurrencyLimiter } from './concurrency-limiter.js';
export { backoffDelay, retryAfterHint } from './retry-policy.js';
