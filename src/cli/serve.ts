import { createDesk, openDesk, type Desk } from '../desk/index.js';
import { loadConfig } from '../config/index.js';
import {
  createApp,
  createLogger,
  createMetrics,
  createShutdownHandler,
  installShutdownSignals,
  startServer,
  toActorLogger,
  type RunningServer,
} from '../http/index.js';
import { DEFAULT_KEY_PREFIX } from '../redis/index.js';
import { SwarmError } from '../runtime/index.js';
import { createEdgeStores, type EdgeStores } from '../stores/index.js';
import {
  createWebhookDispatcher,
  openOutbox,
  resolveSubscriptions,
  withActionFailedEvents,
  withWebhookEvents,
  type WebhookDispatcher,
  type WebhookEventType,
  type WebhookOutbox,
} from '../webhooks/index.js';
import { reportFailure, type CommandIo } from './command-io.js';

export const SERVE_USAGE =
  'usage: swarmdesk serve   (configured by environment variables: swarmdesk --help lists them)';

/**
 * `swarmdesk serve`: reads the environment, builds the desk and the edge, listens on HOST:PORT and
 * shuts down gracefully on SIGTERM/SIGINT. Resolves once listening; the server keeps the process alive.
 */
export async function runServe(
  argv: string[],
  io: CommandIo,
  env: Record<string, string | undefined> = process.env,
): Promise<{ code: number; running?: RunningServer }> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(SERVE_USAGE);
    return { code: 0 };
  }
  if (argv.length > 0) {
    io.err(`unexpected arguments: ${argv.join(' ')}\n${SERVE_USAGE}`);
    return { code: 2 };
  }
  let desk: Desk | undefined;
  let edge: EdgeStores | undefined;
  let outbox: WebhookOutbox | undefined;
  let webhooks: WebhookDispatcher | undefined;
  try {
    const config = loadConfig(env);
    const logger = createLogger({ level: config.logLevel });
    const metrics = createMetrics();
    // Before the desk starts: a receiver whose secret is not set stops the server at once.
    // Read and checked once: the desk gets the same definition instead of reading its folder again.
    const opened = openDesk(config.desk.desk ?? 'demo');
    const hooks = opened.desk.webhooks ?? [];
    const subscriptions = resolveSubscriptions(
      hooks.map((hook) => hook.value),
      env,
    );
    edge = await createEdgeStores({ redisUrl: config.desk.redisUrl, keyPrefix: config.desk.keyPrefix });
    const edgeStores = edge;
    const box = await openOutbox({
      redis: edgeStores.redis,
      keyPrefix: config.desk.keyPrefix,
      dataDir: config.desk.dataDir ?? '.swarmdesk',
    });
    outbox = box;
    const dispatcher = createWebhookDispatcher({
      outbox: box,
      subscriptions,
      onError: (error) => logger.warn({ error: String(error) }, 'webhook delivery pass failed'),
    });
    webhooks = dispatcher;
    const publish = (type: WebhookEventType, data: Record<string, unknown>) => dispatcher.publish(type, data);
    desk = await createDesk(config.desk, {
      logger: toActorLogger(logger),
      observer: withActionFailedEvents(metrics.observer, publish, (error) =>
        logger.warn({ error: String(error) }, 'webhook event not recorded'),
      ),
      env,
      opened,
    });
    const app = createApp({
      desk: withWebhookEvents(desk, publish),
      options: config.http,
      logger,
      metrics,
      idempotency: edgeStores.idempotency,
      revocations: edgeStores.revocations,
      webhooks: dispatcher,
      // Rate limits are counted in Redis when the desk shares one, so every process sees one budget.
      ...(edgeStores.redis
        ? {
            rateLimitStore: {
              redis: edgeStores.redis,
              keyPrefix: config.desk.keyPrefix ?? DEFAULT_KEY_PREFIX,
            },
          }
        : {}),
      async onClose() {
        await dispatcher.stop();
        await box.close();
        await edgeStores.close();
      },
    });
    dispatcher.start();
    const running = await startServer({ app, host: config.http.host, port: config.http.port });
    installShutdownSignals(createShutdownHandler(running, logger));
    // Only whether Redis and the LLM are on: their URLs and keys may carry credentials.
    logger.info(
      { url: running.url, redis: config.desk.redisUrl !== undefined, llm: config.desk.llm !== undefined },
      'swarmdesk listening',
    );
    return { code: 0, running };
  } catch (error) {
    // A desk that started (threads, Redis) would keep the process alive after a failed listen.
    await desk?.close();
    await webhooks?.stop();
    await outbox?.close();
    await edge?.close();
    if (error instanceof SwarmError) return { code: reportFailure(error, io) };
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return { code: 1 };
  }
}
