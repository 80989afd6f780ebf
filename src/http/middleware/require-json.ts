import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { UnsupportedMediaTypeError } from '../errors.js';

const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * A body sent as a form (curl's `-d` without a content type) would otherwise be read as `{}` and fail
 * validation on every field; naming the real mistake is kinder. Bodyless POSTs (agent control) pass.
 */
export function requireJson(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const hasBody =
      c.req.header('content-length') !== undefined || c.req.header('transfer-encoding') !== undefined;
    const contentType = c.req.header('content-type');
    if (
      BODY_METHODS.has(c.req.method) &&
      hasBody &&
      contentType !== undefined &&
      !JSON_TYPE.test(contentType)
    ) {
      throw new UnsupportedMediaTypeError(contentType);
    }
    await next();
  };
}
