import type { HttpBindings } from '@hono/node-server';

/** Hono's environment for every route: node bindings (absent under `app.request()`) and per-request values. */
export interface AppEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    requestId: string;
  };
}
