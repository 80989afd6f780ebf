import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import type { Lifecycle } from '../lifecycle.js';

/**
 * During shutdown, answered keep-alive connections would sit idle until force-closed; asking the client
 * to close after this response lets the listener finish as soon as the last answer is written.
 */
export function closeWhenDraining(lifecycle: Lifecycle): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (lifecycle.draining) c.res.headers.set('Connection', 'close');
  };
}
