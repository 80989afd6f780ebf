import type { HttpBindings } from '@hono/node-server';
import type { Logger } from 'pino';

/** Hono's environment for every route: node bindings (absent under `app.request()`) and per-request values. */
export interface AppEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    requestId: string;
    log: Logger;
    /** Set on the OpenAI-compatible routes, whose errors take OpenAI's shape. */
    errorShape?: 'openai';
  };
}
