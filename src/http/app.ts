import type { Server } from 'node:http';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { Desk } from '../desk/index.js';
import { createMemoryIdempotencyStore, type IdempotencyStore } from '../idempotency/index.js';
import { createMemoryTokenRevocations, type TokenRevocations } from '../revocations/index.js';
import type { WebhookDispatcher } from '../webhooks/index.js';
import type { AppEnv } from './env.js';
import { consoleRoutes, createConsoleFeed, loadConsoleAssets } from './console/index.js';
import { describe, errorHandler, notFoundHandler, validationHook } from './error-handler.js';
import { HttpOptions, type ResolvedHttpOptions } from './http-options.js';
import { createLifecycle, type Lifecycle } from './lifecycle.js';
import { createLogger } from './logger.js';
import { createMetrics, type EdgeMetrics } from './metrics.js';
import { describeApi } from './openapi.js';
import {
  authenticate,
  clientAddresses,
  closeWhenDraining,
  createRateLimiter,
  errorShape,
  idempotency,
  rateLimit,
  readBody,
  requestContext,
  requireJson,
  trustedProxies,
  type RateLimitStore,
} from './middleware/index.js';
import type { RouteDeps } from './route-deps.js';
import { agentRoutes } from './routes/agents.js';
import { OPENAI_PATHS, chatCompletionRoutes } from './routes/chat-completions.js';
import { conversationRoutes } from './routes/conversations.js';
import { customerRoutes } from './routes/customers.js';
import { deskRoutes } from './routes/desk.js';
import { docsRoutes } from './routes/docs-page.js';
import { queryRoutes } from './routes/queries.js';
import { systemRoutes } from './routes/system.js';
import { ticketRoutes } from './routes/tickets.js';
import { webhookRoutes } from './routes/webhooks.js';
import { websocketRoutes } from './routes/websocket.js';
import { createWebSocketUpgrades } from './ws-upgrade.js';

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
  /**
   * Where `Idempotency-Key` responses are kept (Redis, shared by every instance, in production).
   * Default: this process's memory. Owned by the caller.
   */
  idempotency?: IdempotencyStore;
  /**
   * Customer-token revocations (Redis, shared by every instance, in production). Default: this
   * process's memory. Owned by the caller.
   */
  revocations?: TokenRevocations;
  /** The webhook outbox's sender, for its deliveries routes; owned by the caller. */
  webhooks?: WebhookDispatcher;
  /** Runs last in `close()`, after the desk: where the caller closes what it passed in. */
  onClose?: () => Promise<void>;
  /**
   * Redis shared by the processes serving one desk: rate limits are then counted there. Owned by the
   * caller. Without it, each process limits on its own.
   */
  rateLimitStore?: RateLimitStore;
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
  /** Closes the desk, then runs `onClose`. */
  close(): Promise<void>;
}

export function createApp(deps: AppDeps): SwarmApp {
  const options = HttpOptions.parse(deps.options ?? {});
  const logger = deps.logger ?? createLogger();
  const metrics = deps.metrics ?? createMetrics();
  const lifecycle = createLifecycle();
  const idempotencyStore = deps.idempotency ?? createMemoryIdempotencyStore();
  const revocations = deps.revocations ?? createMemoryTokenRevocations();
  const limiter = options.rateLimit
    ? createRateLimiter(options.rateLimit, deps.now, deps.rateLimitStore)
    : undefined;
  const routeDeps: RouteDeps = {
    desk: deps.desk,
    lifecycle,
    options,
    logger,
    revocations,
    ...(limiter ? { limiter } : {}),
    ...(deps.webhooks ? { webhooks: deps.webhooks } : {}),
  };
  metrics.watchAgents(() => deps.desk.agents.status());
  const llm = () => deps.desk.llmHealth();
  metrics.watchLlm(llm);

  const hono = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { injectWebSocket, upgradeWebSocket, wss } = createWebSocketUpgrades(
    (url, init, env) => hono.request(url, init, env),
    (error) => logger.error({ error: describe(error) }, 'websocket handler failed'),
  );
  // A frame is a request body: the same limit, enforced by `ws` as the frame arrives (close 1009)
  // instead of its default of 100 MiB buffered before any check could run.
  wss.options.maxPayload = options.bodyLimitBytes;

  const proxies = trustedProxies(options.trustedProxies);
  if (options.adminToken === undefined && !proxies.configured) {
    logger.warn(
      'agent control is open to every client connecting from this host (SWARM_ADMIN_TOKEN is unset): behind a ' +
        'reverse proxy on this host that is everyone; set SWARM_ADMIN_TOKEN, or SWARM_TRUSTED_PROXIES so the ' +
        "proxy's X-Forwarded-For names the client",
    );
  }
  hono.use('*', requestContext(logger, metrics));
  hono.use(
    '*',
    clientAddresses(proxies, (socketAddress) =>
      logger.warn(
        { socketAddress },
        'a request carried X-Forwarded-For from a proxy not in SWARM_TRUSTED_PROXIES: its client address ' +
          'is taken to be the proxy' +
          (options.adminToken === undefined ? ', so agent control is open to everyone behind it' : ''),
      ),
    ),
  );
  hono.use('*', closeWhenDraining(lifecycle));
  // Before the key and rate checks, so their refusals take OpenAI's shape there too.
  for (const path of OPENAI_PATHS) hono.use(path, errorShape('openai'));
  hono.use('/v1/*', authenticate(options, revocations));
  if (limiter) hono.use('/v1/*', rateLimit(limiter));
  hono.use('/v1/*', requireJson());
  // After the cheap refusals (key, rate, media type): a refused request's body is never read.
  hono.use('/v1/*', readBody(options.bodyLimitBytes));
  // After the body is read (it is part of what a key stands for), before the routes that act on it.
  const keyed = idempotency(idempotencyStore, options.idempotency);
  hono.on('POST', ['/v1/queries', '/v1/queries/:id/feedback'], keyed);
  hono.on('PATCH', '/v1/tickets/:id', keyed);

  hono.route('/', systemRoutes(routeDeps, metrics));
  hono.route('/', queryRoutes(routeDeps, validationHook));
  hono.route('/', conversationRoutes(routeDeps, validationHook));
  hono.route('/', customerRoutes(routeDeps, validationHook));
  hono.route('/', deskRoutes(routeDeps, validationHook));
  hono.route('/', ticketRoutes(routeDeps, validationHook));
  hono.route('/', agentRoutes(routeDeps, validationHook));
  hono.route('/', chatCompletionRoutes(routeDeps, validationHook));
  hono.route('/', webhookRoutes(routeDeps, validationHook));
  hono.route('/', websocketRoutes(routeDeps, upgradeWebSocket));
  hono.route(
    '/',
    consoleRoutes(
      routeDeps,
      {
        recorder: metrics.recorder,
        feed: createConsoleFeed(
          metrics.recorder,
          async () => {
            const [assigned, open] = await Promise.all([
              deps.desk.listTickets({ status: 'assigned', limit: CONSOLE_TICKETS }),
              deps.desk.listTickets({ status: 'open', limit: CONSOLE_TICKETS }),
            ]);
            return { assigned, open };
          },
          llm,
        ),
        assets: loadConsoleAssets(deps.consoleDir),
      },
      validationHook,
    ),
  );
  describeApi(hono, Object.keys(deps.desk.profile.departments));
  docsRoutes(hono);

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
    async close() {
      await deps.desk.close();
      await deps.onClose?.();
    },
  };
}
