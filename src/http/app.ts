import type { Server } from 'node:http';
import { OpenAPIHono } from '@hono/zod-openapi';
import { createNodeWebSocket } from '@hono/node-ws';
import type { Logger } from 'pino';
import type { Desk } from '../desk/index.js';
import type { AppEnv } from './env.js';
import { consoleRoutes, createConsoleFeed, loadConsoleAssets } from './console/index.js';
import { errorHandler, notFoundHandler, validationHook } from './error-handler.js';
import { HttpOptions, type ResolvedHttpOptions } from './http-options.js';
import { createLifecycle, type Lifecycle } from './lifecycle.js';
import { createLogger } from './logger.js';
import { createMetrics, type EdgeMetrics } from './metrics.js';
import {
  apiKeys,
  closeWhenDraining,
  createRateLimiter,
  rateLimit,
  readBody,
  requestContext,
  requireJson,
} from './middleware/index.js';
import type { RouteDeps } from './route-deps.js';
import { agentRoutes } from './routes/agents.js';
import { conversationRoutes } from './routes/conversations.js';
import { customerRoutes } from './routes/customers.js';
import { deskRoutes } from './routes/desk.js';
import { docsRoutes } from './routes/docs-page.js';
import { queryRoutes } from './routes/queries.js';
import { systemRoutes } from './routes/system.js';
import { ticketRoutes } from './routes/tickets.js';
import { websocketRoutes } from './routes/websocket.js';

/** Tickets of each list the console shows: the top of the queue is what gets worked. */
const CONSOLE_TICKETS = 10;

export interface AppDeps {
  desk: Desk;
  options?: HttpOptions;
  /** Default: a pino logger on stdout at `info`. */
  logger?: Logger;
  /** Default: fresh metrics; pass the ones whose observer the desk was created with. */
  metrics?: EdgeMetrics;
  /** Clock of the rate limiter, for tests. */
  now?: () => number;
  /** Where the built console is (`index.html`, `assets/`). Default: dist/console of this package. */
  consoleDir?: string;
}

/** The edge: routes, middleware and what `startServer` and shutdown need to reach. */
export interface SwarmApp {
  readonly hono: OpenAPIHono<AppEnv>;
  readonly desk: Desk;
  readonly lifecycle: Lifecycle;
  readonly metrics: EdgeMetrics;
  readonly logger: Logger;
  readonly options: ResolvedHttpOptions;
  /** Hands WebSocket upgrades of a listening server to the `/v1/ws` route. */
  injectWebSocket(server: Server): void;
  /** `app.request()` for tests and in-process callers. */
  request: OpenAPIHono<AppEnv>['request'];
}

export function createApp(deps: AppDeps): SwarmApp {
  const options = HttpOptions.parse(deps.options ?? {});
  const logger = deps.logger ?? createLogger();
  const metrics = deps.metrics ?? createMetrics();
  const lifecycle = createLifecycle();
  const limiter = options.rateLimit
    ? createRateLimiter(options.rateLimit, options.apiKeys.length > 0, deps.now)
    : undefined;
  const routeDeps: RouteDeps = { desk: deps.desk, lifecycle, options, ...(limiter ? { limiter } : {}) };
  metrics.watchAgents(() => deps.desk.agents.status());

  const hono = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { injectWebSocket, upgradeWebSocket, wss } = createNodeWebSocket({ app: hono });
  // A frame is a request body: the same limit, enforced by `ws` as the frame arrives (close 1009)
  // instead of its default of 100 MiB buffered before any check could run.
  wss.options.maxPayload = options.bodyLimitBytes;

  hono.use('*', requestContext(logger, metrics));
  hono.use('*', closeWhenDraining(lifecycle));
  hono.use('/v1/*', apiKeys(options.apiKeys));
  if (limiter) hono.use('/v1/*', rateLimit(limiter));
  hono.use('/v1/*', requireJson());
  // After the cheap refusals (key, rate, media type): a refused request's body is never read.
  hono.use('/v1/*', readBody(options.bodyLimitBytes));

  hono.route('/', systemRoutes(routeDeps, metrics));
  hono.route('/', queryRoutes(routeDeps, validationHook));
  hono.route('/', conversationRoutes(routeDeps, validationHook));
  hono.route('/', customerRoutes(routeDeps, validationHook));
  hono.route('/', deskRoutes(routeDeps, validationHook));
  hono.route('/', ticketRoutes(routeDeps, validationHook));
  hono.route('/', agentRoutes(routeDeps, validationHook));
  hono.route('/', websocketRoutes(routeDeps, upgradeWebSocket));
  hono.route(
    '/',
    consoleRoutes(
      routeDeps,
      {
        recorder: metrics.recorder,
        feed: createConsoleFeed(metrics.recorder, async () => {
          const [assigned, open] = await Promise.all([
            deps.desk.listTickets({ status: 'assigned', limit: CONSOLE_TICKETS }),
            deps.desk.listTickets({ status: 'open', limit: CONSOLE_TICKETS }),
          ]);
          return { assigned, open };
        }),
        assets: loadConsoleAssets(deps.consoleDir),
      },
      validationHook,
    ),
  );
  docsRoutes(hono, Object.keys(deps.desk.profile.departments));

  hono.onError(errorHandler(metrics, logger));
  hono.notFound(notFoundHandler(hono));

  return {
    hono,
    desk: deps.desk,
    lifecycle,
    metrics,
    logger,
    options,
    injectWebSocket: (server) => injectWebSocket(server),
    request: hono.request.bind(hono),
  };
}
