export { createApp, type AppDeps, type SwarmApp } from './app.js';
export { STATUS_BY_CODE } from './error-status.js';
export {
  ForbiddenError,
  InvalidJsonError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from './errors.js';
export { HttpOptions, type ResolvedHttpOptions } from './http-options.js';
export { ProxyAddress } from './middleware/index.js';
export { ApiKeySpec } from './principal.js';
export { createLogger, toActorLogger } from './logger.js';
export { createMetrics, type EdgeMetrics } from './metrics.js';
export { decideAdmin, isLoopback } from './middleware/index.js';
export { startServer, type RunningServer, type ShutdownOutcome } from './server.js';
export { createShutdownHandler, installShutdownSignals } from './shutdown-signals.js';
