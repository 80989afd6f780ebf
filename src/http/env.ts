import type { HttpBindings } from '@hono/node-server';
import type { Principal } from './principal.js';

/** Hono's environment for every route: node bindings (absent under `app.request()`) and per-request values. */
export interface AppEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    requestId: string;
    /** The client's address: the socket's, or a trusted proxy's `X-Forwarded-For`. */
    clientAddress: string | undefined;
    /** Who is calling /v1, set by `authenticate`. */
    principal: Principal | undefined;
    /** Set on the OpenAI-compatible routes, whose errors take OpenAI's shape. */
    errorShape?: 'openai';
  };
}
