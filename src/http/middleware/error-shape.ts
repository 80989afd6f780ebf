import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';

/** Marks the routes whose errors the error handler writes in another protocol's shape. */
export function errorShape(shape: 'openai'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('errorShape', shape);
    await next();
  };
}
