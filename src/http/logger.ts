import { pino, type DestinationStream, type Logger } from 'pino';
import type { ActorLogger } from '../runtime/index.js';

export interface LoggerOptions {
  level?: string;
  /** Where lines go: stdout when absent, `stderr` for commands whose stdout is their output, or a sink. */
  destination?: DestinationStream | 'stderr';
}

/**
 * The process logger. Request logs carry method, route, status and timing, never bodies: customer text
 * stays out of logs. `redact` is a second guard for fields that must never be written.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const settings = {
    level: options.level ?? 'info',
    base: { service: 'swarmdesk' },
    redact: { paths: ['authorization', 'apiKey', 'message', 'text'], remove: true },
  };
  if (options.destination === 'stderr') return pino(settings, pino.destination(2));
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** Adapts pino's `(fields, msg)` to the runtime's `(msg, fields)` logger shape. */
export function toActorLogger(logger: Logger): ActorLogger {
  return {
    debug: (msg, fields) => logger.debug(fields ?? {}, msg),
    info: (msg, fields) => logger.info(fields ?? {}, msg),
    warn: (msg, fields) => logger.warn(fields ?? {}, msg),
    error: (msg, fields) => logger.error(fields ?? {}, msg),
  };
}
