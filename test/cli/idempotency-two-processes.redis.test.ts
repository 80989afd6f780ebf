import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithRedis, freshKeyPrefix, probeTestRedis } from '../support/redis.js';
import { buildIfStale, startServe, type ServeProcess } from '../support/serve-process.js';

const redis = await probeTestRedis();

interface Answer {
  status: number;
  body: { queryId?: string; error?: { code?: string } };
}

async function post(server: ServeProcess, key: string, message: string): Promise<Answer> {
  const response = await fetch(`${server.url}/v1/queries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ customerId: 'CUST001', message }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

describeWithRedis('one Idempotency-Key across two serve processes on one Redis', redis, (url) => {
  let servers: ServeProcess[] = [];

  beforeAll(async () => {
    buildIfStale();
    const env = { REDIS_URL: url, SWARM_REDIS_PREFIX: freshKeyPrefix(), SWARM_THREADS: '1' };
    servers = await Promise.all([startServe(env), startServe(env)]);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  it('replays the first answer on the other process, and refuses another body there with 422', async () => {
    const [a, b] = servers as [ServeProcess, ServeProcess];
    const key = randomUUID();
    const first = await post(a, key, 'How do I reset my password?');
    const retry = await post(b, key, 'How do I reset my password?');
    expect(first.status).toBe(200);
    expect(retry).toEqual(first);
    const reused = await post(b, key, 'When will my invoice arrive?');
    expect(reused).toMatchObject({ status: 422, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED' } } });
  });

  it('runs a key sent to both processes at once only once', async () => {
    const [a, b] = servers as [ServeProcess, ServeProcess];
    const key = randomUUID();
    const answers = await Promise.all([
      post(a, key, 'I was charged twice this month'),
      post(b, key, 'I was charged twice this month'),
    ]);
    const answered = answers.filter((answer) => answer.status === 200);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    // The one that lost the race waited for the first answer (the same query) or was told to retry.
    for (const answer of answers) {
      if (answer.status === 200) expect(answer.body.queryId).toBe(answered[0]?.body.queryId);
      else expect(answer).toMatchObject({ status: 409, body: { error: { code: 'IDEMPOTENCY_IN_FLIGHT' } } });
    }
    const retried = await post(answers[0]?.status === 200 ? b : a, key, 'I was charged twice this month');
    expect(retried.body.queryId).toBe(answered[0]?.body.queryId);
  });
});
