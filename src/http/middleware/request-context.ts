import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from '../env.js';
import type { EdgeMetrics } from '../metrics.js';

const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when it is sane, else a fresh one), echoes it,
 * and records the request's latency once. The line per request (method, route, status, duration; never
 * bodies or query strings) is a `debug` line: at `info` a busy server would spend more on logging each
 * request than on most of its middleware, and the metrics already count every request.
 */
export function requestContext(logger: Logger, metrics: EdgeMetrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming !== undefined && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = c.req.routePath;
    metrics.httpRequest(c.req.method, route, c.res.status, seconds);
    if (logger.isLevelEnabled('debug')) {
      logger.debug(
        { requestId, method: c.req.method, route, status: c.res.status, ms: Math.round(seconds * 1000) },
        'request',
      );
    }
  };
}
