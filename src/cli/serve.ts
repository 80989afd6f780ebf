import { createDesk, type Desk } from '../desk/index.js';
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
import { SwarmError } from '../runtime/index.js';
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
  try {
    const config = loadConfig(env);
    const logger = createLogger({ level: config.logLevel });
    const metrics = createMetrics();
    desk = await createDesk(config.desk, { logger: toActorLogger(logger), observer: metrics.observer });
    const app = createApp({ desk, options: config.http, logger, metrics });
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
    if (error instanceof SwarmError) return { code: reportFailure(error, io) };
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return { code: 1 };
  }
}
