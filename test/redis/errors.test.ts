import { createServer } from 'node:net';
import { once } from 'node:events';
import { Redis, type RedisOptions } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { SwarmError, rebuildError, serializeError } from '../../src/runtime/index.js';
import { RedisUnavailableError, asRedisUnavailable, isRedisConnectionError } from '../../src/redis/index.js';

async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** What a command rejects with when nothing answers, with the given client options. */
async function failedCommand(options: RedisOptions): Promise<unknown> {
  const client = new Redis(await closedPort(), '127.0.0.1', {
    retryStrategy: () => 10,
    ...options,
  });
  client.on('error', () => {});
  try {
    await client.get('k');
    throw new Error('the command answered');
  } catch (error) {
    return error;
  } finally {
    client.disconnect();
  }
}

describe('Redis connection errors', () => {
  it('recognises the offline queue giving up (MaxRetriesPerRequestError) as Redis unavailable', async () => {
    const error = await failedCommand({ maxRetriesPerRequest: 1 });
    expect((error as Error).name).toBe('MaxRetriesPerRequestError');
    expect(isRedisConnectionError(error)).toBe(true);
    expect(asRedisUnavailable(error)).toBeInstanceOf(RedisUnavailableError);
  });

  it('recognises a command refused without an offline queue', async () => {
    const error = await failedCommand({ enableOfflineQueue: false, lazyConnect: true });
    expect(isRedisConnectionError(error)).toBe(true);
  });

  it('recognises one that crossed a thread and leaves other errors alone', () => {
    const crossed = rebuildError(
      serializeError(Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' })),
    );
    expect(isRedisConnectionError(crossed)).toBe(true);
    expect(isRedisConnectionError(new Error('boom'))).toBe(false);
    expect(isRedisConnectionError(new SwarmError('STATE_CONFLICT', 'lost'))).toBe(false);
    const other = new TypeError('bad');
    expect(asRedisUnavailable(other)).toBe(other);
  });
});
