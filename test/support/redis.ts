import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { connectRedis, createRedisClient, deleteKeysWithPrefix } from '../../src/redis/index.js';

/**
 * The Redis every Redis test in the project uses: REDIS_URL when set, else a server on
 * 127.0.0.1:6379, else a redis-server started here on a free port (stopped by `stop`). Under CI=true a
 * missing Redis throws: it is a failure, never a silent skip.
 */
export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

export type TestRedisAvailability<T extends TestRedis = TestRedis> =
  { available: true; redis: T } | { available: false; reason: string };

export async function getTestRedis(): Promise<TestRedis> {
  const availability = await probeTestRedis();
  if (!availability.available) throw new Error(`no Redis for tests: ${availability.reason}`);
  return availability.redis;
}

/** Like getTestRedis, but outside CI reports why Redis is unavailable instead of throwing. */
export async function probeTestRedis(): Promise<TestRedisAvailability> {
  const reasons: string[] = [];
  const candidates = process.env.REDIS_URL ? [process.env.REDIS_URL] : ['redis://127.0.0.1:6379'];
  for (const url of candidates) {
    if (await answers(url)) return { available: true, redis: { url, stop: async () => {} } };
    reasons.push(`${url} does not answer`);
  }
  if (!process.env.REDIS_URL) {
    try {
      const server = await startRedisServer();
      return { available: true, redis: { url: server.url, stop: server.stop } };
    } catch (error) {
      reasons.push(`cannot start redis-server: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return unavailable(reasons.join('; '));
}

/** A redis-server of the test's own (for tests that restart it), or why there is none. */
export async function probeOwnRedisServer(
  options: { durable?: boolean } = {},
): Promise<TestRedisAvailability<RedisServer>> {
  try {
    return { available: true, redis: await startRedisServer(options) };
  } catch (error) {
    return unavailable(
      `cannot start redis-server: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function unavailable(reason: string): { available: false; reason: string } {
  if (process.env.CI === 'true') throw new Error(`Redis is required under CI=true: ${reason}`);
  return { available: false, reason };
}

/**
 * A describe block that runs only with a Redis: skipped outside CI with the reason in its name, so a
 * skip is visible in the report. The server is stopped after the block.
 */
export function describeWithRedis<T extends TestRedis>(
  name: string,
  availability: TestRedisAvailability<T>,
  body: (url: string) => void,
): void {
  if (!availability.available) {
    describe.skip(`${name} [skipped: ${availability.reason}]`, () => body(''));
    return;
  }
  const { redis } = availability;
  describe(name, () => {
    afterAll(() => redis.stop());
    body(redis.url);
  });
}

export interface RedisKeyspace {
  /** A connected client for the current block, shared by its tests. */
  readonly client: Redis;
  /** Fresh per test; every key under it is deleted after the test. */
  readonly prefix: string;
}

/** Registers hooks giving each test a fresh random key prefix, cleaned up (SCAN + UNLINK) afterwards. */
export function useRedisKeyspace(url: string): RedisKeyspace {
  let client: Redis | undefined;
  let prefix = '';
  beforeAll(async () => {
    client = createRedisClient(url);
    await connectRedis(client, url);
  });
  beforeEach(() => {
    prefix = freshKeyPrefix();
  });
  afterEach(async () => {
    if (client) await deleteKeysWithPrefix(client, prefix);
  });
  afterAll(async () => {
    await client?.quit();
  });
  return {
    get client() {
      if (!client) throw new Error('the Redis client is only available inside tests');
      return client;
    },
    get prefix() {
      return prefix;
    },
  };
}

export function freshKeyPrefix(): string {
  return `swarmdesk-test:${randomUUID()}:`;
}

export interface RedisServer {
  url: string;
  port: number;
  /**
   * Kills the server (SIGKILL: an abrupt loss, like a crash) and starts it again on the same port,
   * after `downMs` without a server.
   */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway redis-server on a free port; resolves once it accepts connections. Without
 * persistence, unless `durable`: then every write is appended and fsynced before it is acknowledged
 * (in a temporary folder), so a restart, even a SIGKILL, keeps what clients were told was written.
 */
export async function startRedisServer(options: { durable?: boolean } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = options.durable ? mkdtempSync(join(tmpdir(), 'swarmdesk-redis-')) : undefined;
  const persistence = dir
    ? ['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always']
    : ['--save', '', '--appendonly', 'no'];
  let child = await spawnRedis(port, persistence);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart(downMs = 0) {
      await kill(child, 'SIGKILL');
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      child = await spawnRedis(port, persistence);
    },
    async stop() {
      await kill(child, 'SIGTERM');
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function spawnRedis(port: number, persistence: readonly string[]): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', ...persistence], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.resume();
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`)),
    );
  });
  return child;
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port assigned');
  return address.port;
}

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
