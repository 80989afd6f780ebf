import type { ActorContext, ActorLogger, AskOptions, SendOptions } from '../behaviour.js';
import type { LogLevel } from '../protocol.js';

/** What a thread offers the contexts of the actors it hosts. */
export interface ThreadServices {
  readonly thread: number;
  tell(from: string, target: string, message: unknown, options: SendOptions | undefined): void;
  ask(from: string, target: string, message: unknown, options: AskOptions | undefined): Promise<unknown>;
  call(from: string, service: string, method: string, args: unknown[]): Promise<unknown>;
  emit(from: string, topic: string, event: unknown): void;
  shared(key: string): unknown;
  log(from: string, level: LogLevel, msg: string, fields: Record<string, unknown> | undefined): void;
}

export function createContext(
  id: string,
  type: string,
  config: unknown,
  services: ThreadServices,
): ActorContext {
  const log = (level: LogLevel) => (msg: string, fields?: Record<string, unknown>) =>
    services.log(id, level, msg, fields);
  const logger: ActorLogger = {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  };
  return {
    self: { id, type, thread: services.thread },
    config,
    tell: (target, message, options) => services.tell(id, target, message, options),
    ask: <R>(target: string, message: unknown, options?: AskOptions) =>
      services.ask(id, target, message, options) as Promise<R>,
    call: <R>(service: string, method: string, ...args: unknown[]) =>
      services.call(id, service, method, args) as Promise<R>,
    emit: (topic, event) => services.emit(id, topic, event),
    shared: <T>(key: string) => services.shared(key) as T | undefined,
    log: logger,
  };
}
