import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { createFileOutbox } from './file-outbox.js';
import type { WebhookOutbox } from './outbox.js';
import { createRedisOutbox } from './redis-outbox.js';

export interface OpenOutboxOptions {
  /** Shared by every instance when given; the outbox is then in Redis. */
  redis?: Redis | undefined;
  keyPrefix?: string;
  /** Without Redis: the outbox is `<dataDir>/webhooks/outbox.json`. */
  dataDir: string;
}

/** The outbox of a server: Redis when it has one (any instance may send), a file otherwise. */
export function openOutbox(options: OpenOutboxOptions): Promise<WebhookOutbox> {
  if (options.redis)
    return Promise.resolve(
      createRedisOutbox({
        redis: options.redis,
        ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
      }),
    );
  return createFileOutbox({ path: join(options.dataDir, 'webhooks', 'outbox.json') });
}
