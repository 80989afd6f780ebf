import type { Context, ErrorHandler, Hono, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import type { Logger } from 'pino';
import type { AppEnv } from './env.js';
import { mapError } from './error-status.js';
import {
  InvalidJsonError,
  MethodNotAllowedError,
  NotFoundError,
  UnsupportedMediaTypeError,
  ValidationError,
} from './errors.js';
import type { EdgeMetrics } from './metrics.js';

/**
 * Hono's validators signal unparseable JSON and a body of another media type with these exceptions;
 * they become INVALID_JSON and UNSUPPORTED_MEDIA_TYPE. (`requireJson` refuses the second first when
 * the request declares a body; a request built in process may not.)
 */
function fromHttpException(error: HTTPException, c: Context<AppEnv>): unknown {
  if (error.status === 400 && /malformed json/i.test(error.message)) return new InvalidJsonError();
  if (error.status === 415) return new UnsupportedMediaTypeError(c.req.header('content-type') ?? '(none)');
  return error;
}

/** Class and message of a fault for the log: no stack (paths, internals) and no cause chain. */
export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The one place an error becomes a response: `{ error: { code, message, details? } }`. */
export function errorHandler(metrics: EdgeMetrics, logger: Logger): ErrorHandler<AppEnv> {
  return (thrown, c) => {
    const error = thrown instanceof HTTPException ? fromHttpException(thrown, c) : thrown;
    const mapped = mapError(error);
    metrics.error(mapped.body.code);
    const requestId = c.get('requestId');
    if (mapped.status >= 500 && mapped.status !== 503) {
      logger.error({ requestId, code: mapped.body.code, error: describe(error) }, 'request failed');
    } else {
      logger.debug({ requestId, code: mapped.body.code, status: mapped.status }, 'request refused');
    }
    if (mapped.retryAfterSeconds !== undefined) c.header('Retry-After', String(mapped.retryAfterSeconds));
    return c.json({ error: mapped.body }, mapped.status);
  };
}

/** zod issues as `{ field, message }` pairs, the field as a dotted path. */
export function toFieldIssues(error: z.ZodError) {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
}

/** The OpenAPI validators' hook: a failed body, query or param check becomes VALIDATION_FAILED. */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError; target: string },
  _c: Context<AppEnv>,
): void {
  if (!result.success)
    throw new ValidationError(result.target === 'json' ? 'body' : result.target, toFieldIssues(result.error));
}

function pathPattern(path: string): RegExp {
  const escaped = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}$`);
}

/** Unknown routes answer JSON 404, or 405 (with `Allow`) when the path exists under another method. */
export function notFoundHandler(app: Hono<AppEnv>): NotFoundHandler<AppEnv> {
  return (c) => {
    const allowed = [
      ...new Set(
        app.routes
          .filter((route) => route.method !== 'ALL' && pathPattern(route.path).test(c.req.path))
          .map((route) => route.method),
      ),
    ];
    const error =
      allowed.length > 0
        ? new MethodNotAllowedError(c.req.method, allowed)
        : new NotFoundError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`);
    if (allowed.length > 0) c.header('Allow', allowed.join(', '));
    const mapped = mapError(error);
    return c.json({ error: mapped.body }, mapped.status);
  };
}
