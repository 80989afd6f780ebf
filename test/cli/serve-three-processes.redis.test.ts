import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRedisConversationLeases } from '../../src/leases/index.js';
import { connectRedis, createKeys, createRedisClient } from '../../src/redis/index.js';
import { startBalancer, type Balancer } from '../support/balancer.js';
import { describeWithRedis, freshKeyPrefix, probeOwnRedisServer } from '../support/redis.js';
import { buildIfStale, startServe, type ServeProcess } from '../support/serve-process.js';

// Durable, so a SIGKILLed Redis comes back with what it acknowledged, as a production Redis with AOF does.
const own = await probeOwnRedisServer({ durable: true });

const CUSTOMERS = ['CUST001', 'CUST002', 'CUST003', 'CUST004'];
const MESSAGES = [
  'How do I reset my password?',
  'When will my invoice arrive?',
  'I was charged twice this month',
  'The app crashes when I open settings',
  'Kdy mi přijde faktura za tento měsíc?',
];
/** One conversation every client writes to, through whichever process the balancer picks. */
const SHARED = { customerId: 'CUST005', conversationId: `shared-${randomUUID()}` };
const LOAD_MS = 9_000;
const REDIS_RESTART_AT_MS = 2_000;
const REDIS_DOWN_MS = 1_500;
const KILL_AT_MS = 6_000;
const CLIENTS = 6;

interface Sent {
  status: number;
  retryAfter: string | null;
  body: { queryId?: string; error?: { code?: string } };
}

async function post(balancer: Balancer, body: unknown): Promise<Sent> {
  try {
    const response = await fetch(`${balancer.url}/v1/queries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as Sent['body'],
    };
  } catch (error) {
    // Only the balancer answers the test; it never drops a connection, so this is a test failure.
    throw new Error(`the balancer did not answer: ${String(error)}`);
  }
}

describeWithRedis('three serve processes on one Redis behind a balancer', own, (url) => {
  const keyPrefix = freshKeyPrefix();
  let servers: ServeProcess[] = [];
  let balancer: Balancer | undefined;

  beforeAll(async () => {
    buildIfStale();
    const env = {
      REDIS_URL: url,
      SWARM_REDIS_PREFIX: keyPrefix,
      SWARM_THREADS: '1',
      SWARM_DOUBLE_TEXT: 'merge',
      SWARM_RATE_LIMIT: 'off',
      SWARM_CONVERSATION_LEASE_MS: '1500',
      SWARM_QUERY_TIMEOUT_MS: '10000',
    };
    servers = await Promise.all([startServe(env), startServe(env), startServe(env)]);
    balancer = await startBalancer(servers.map((server) => server.url));
  }, 240_000);

  afterAll(async () => {
    await balancer?.close();
    await Promise.all(servers.map((server) => server.stop()));
  });

  it(
    'gives no 500 through a Redis restart and a killed process, and every answered query is found on the survivors',
    { timeout: 120_000 },
    async () => {
      if (!own.available || !balancer) throw new Error('no cluster');
      const front = balancer;
      const statuses = new Map<number, number>();
      const answered: string[] = [];
      const problems: string[] = [];
      let stopped = false;

      const client = async (index: number) => {
        for (let n = 0; !stopped; n += 1) {
          const shared = n % 4 === 0;
          const body = {
            customerId: shared ? SHARED.customerId : CUSTOMERS[(index + n) % CUSTOMERS.length],
            conversationId: shared ? SHARED.conversationId : `load-${index}-${n}-${randomUUID()}`,
            message: MESSAGES[(index + n) % MESSAGES.length],
          };
          for (let attempt = 0; attempt < 30; attempt += 1) {
            const sent = await post(front, body);
            statuses.set(sent.status, (statuses.get(sent.status) ?? 0) + 1);
            if (sent.status === 200 && sent.body.queryId) {
              answered.push(sent.body.queryId);
              break;
            }
            if (sent.status === 503) {
              const code = sent.body.error?.code;
              if (sent.retryAfter === null) problems.push(`503 ${code} without Retry-After`);
              if (code !== 'REDIS_UNAVAILABLE') problems.push(`503 ${code}`);
            } else if (sent.status === 409) {
              // A holder fenced out while Redis was away: its caller is told to send again.
              if (sent.body.error?.code !== 'CONVERSATION_BUSY')
                problems.push(`409 ${sent.body.error?.code}`);
            } else if (sent.status !== 502) {
              problems.push(`${sent.status} ${JSON.stringify(sent.body)}`);
              break;
            }
            await sleep(sent.status === 503 ? 1_000 : 100);
          }
        }
      };

      const started = Date.now();
      const clients = Array.from({ length: CLIENTS }, (_, index) => client(index));
      await sleep(REDIS_RESTART_AT_MS);
      // Down long enough for commands to give up waiting (503), short enough for clients to retry.
      await own.redis.restart(REDIS_DOWN_MS);
      await sleep(KILL_AT_MS - (Date.now() - started));
      const [, , victim] = servers;
      if (!victim) throw new Error('three servers expected');
      await victim.kill();
      // The balancer's health check notices a moment later; until then the victim's share gets 502.
      for (const deadline = Date.now() + 5_000; !statuses.has(502) && Date.now() < deadline;) await sleep(20);
      front.remove(victim.url);
      await sleep(Math.max(0, LOAD_MS - (Date.now() - started)));
      stopped = true;
      await Promise.all(clients);

      expect(problems).toEqual([]);
      expect(statuses.get(500) ?? 0).toBe(0);
      // The kill landed under load: requests in flight on the victim were answered 502 by the balancer.
      expect(statuses.get(502) ?? 0).toBeGreaterThan(0);
      expect(answered.length).toBeGreaterThan(20);

      const missing: string[] = [];
      for (let i = 0; i < answered.length; i += 8) {
        await Promise.all(
          answered.slice(i, i + 8).map(async (queryId) => {
            const response = await fetch(`${front.url}/v1/queries/${queryId}`);
            if (response.status !== 200) missing.push(`${queryId}: ${response.status}`);
            else expect(((await response.json()) as { queryId: string }).queryId).toBe(queryId);
          }),
        );
      }
      expect(missing).toEqual([]);
    },
  );

  it(
    'merge holds across processes: texts sent to two processes while the conversation is held are answered once, together',
    { timeout: 60_000 },
    async () => {
      if (!own.available || !balancer) throw new Error('no cluster');
      const front = balancer;
      const conversationId = `merge-${randomUUID()}`;
      const redis = createRedisClient(url);
      await connectRedis(redis, url);
      try {
        // A holder that dies right after taking the conversation: the senders wait out its lease.
        const leases = createRedisConversationLeases(redis, { keyPrefix, ttlMs: 60_000 });
        expect(await leases.tryAcquire(conversationId)).toBeDefined();
        const keys = createKeys(keyPrefix);
        const queued = () => redis.llen(keys.conversationJoined(conversationId));
        const first = post(front, { customerId: 'CUST005', conversationId, message: MESSAGES[0] });
        await expect.poll(queued).toBe(1);
        const second = post(front, { customerId: 'CUST005', conversationId, message: MESSAGES[1] });
        await expect.poll(queued).toBe(2);
        // Its lease runs out now: one of the senders' processes takes the conversation over.
        await redis.pexpire(keys.conversationLease(conversationId), 1);
        const [a, b] = await Promise.all([first, second]);
        expect([a.status, b.status]).toEqual([200, 200]);
        expect(a.body.queryId).toBe(b.body.queryId);
        const trail = await fetch(`${front.url}/v1/conversations/${conversationId}`);
        const { entries } = (await trail.json()) as { entries: { kind: string; text?: string }[] };
        expect(entries.filter((entry) => entry.kind === 'message').map((entry) => entry.text)).toEqual([
          `${MESSAGES[0]}\n${MESSAGES[1]}`,
        ]);
      } finally {
        await redis.quit();
      }
    },
  );
});
