import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLlm } from '../../../src/llm/index.js';
import { ConcurrencyLimiter } from '../../../src/llm/resilience/index.js';
import { FakeLlm } from '../../../src/testing/index.js';

const request = (queryId: string) => ({
  agent: 'general-1',
  queryId,
  messages: [{ role: 'user' as const, content: `question ${queryId}` }],
});

describe('concurrency cap over HTTP', () => {
  let fake: FakeLlm;

  beforeEach(async () => {
    fake = await new FakeLlm().start();
  });

  afterEach(async () => {
    await fake.stop();
  });

  it('keeps at most `concurrency` requests at the server and refuses beyond the queue with LLM_OVERLOADED', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    fake.setDefault({ kind: 'text', text: 'done', waitFor: gate });
    const llm = createLlm({ baseURL: fake.baseURL, concurrency: 2, maxQueue: 1 });

    const accepted = [llm.complete(request('a')), llm.complete(request('b')), llm.complete(request('c'))];
    await fake.waitForCalls(2);
    expect(llm.health()).toMatchObject({ inFlight: 2, queued: 1 });
    await expect(llm.complete(request('d'))).rejects.toMatchObject({ code: 'LLM_OVERLOADED' });

    open();
    const results = await Promise.all(accepted);
    expect(results.map((result) => result.text)).toEqual(['done', 'done', 'done']);
    expect(fake.maxInFlight).toBe(2);
    expect(fake.calls).toHaveLength(3);
    expect(llm.health()).toMatchObject({ inFlight: 0, queued: 0 });
  });

  it('never exceeds the cap under a burst of streamed answers', async () => {
    fake.setDefault({ kind: 'text', text: 'a few streamed words here', tokenDelayMs: 2 });
    const llm = createLlm({ baseURL: fake.baseURL, concurrency: 3, maxQueue: 50 });
    const calls = Array.from({ length: 20 }, (_, i) =>
      llm.complete({ ...request(`q${i}`), onToken: () => undefined }),
    );
    await Promise.all(calls);
    expect(fake.calls).toHaveLength(20);
    expect(fake.maxInFlight).toBe(3);
  });
});

/** A chat-completions server that works on `capacity` requests at a time and refuses the rest with 503. */
async function serverTaking(capacity: number, delayMs: number) {
  let working = 0;
  const seen = { answered: 0, refused: 0, mostAtOnce: 0 };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.once('end', () => {
      if (working >= capacity) {
        seen.refused += 1;
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"busy"}}');
        return;
      }
      working += 1;
      seen.mostAtOnce = Math.max(seen.mostAtOnce, working);
      setTimeout(() => {
        working -= 1;
        seen.answered += 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'c',
            object: 'chat.completion',
            created: 0,
            model: 'm',
            choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'done' } }],
          }),
        );
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    seen,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('adaptive limit over HTTP', () => {
  it('sends a server that takes fewer calls than configured about what it takes, and keeps answering', async () => {
    const server = await serverTaking(4, 20);
    try {
      const llm = createLlm({
        baseURL: server.baseURL,
        concurrency: 64,
        maxQueue: 256,
        retryBaseDelayMs: 5,
      });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 120 }, (_, i) => llm.complete(request(`q${i}`))),
      );
      const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
      // Without the cut, the first round's 60 refusals open the breaker and the rest fail unsent.
      expect(llm.health().breaker).toBe('closed');
      expect(failed.length).toBeLessThan(12);
      expect(server.seen.answered).toBe(120 - failed.length);
      expect(server.seen.refused).toBeLessThan(120);
      expect(llm.health().limit).toBeLessThan(16);
    } finally {
      await server.stop();
    }
  });
});

describe('ConcurrencyLimiter', () => {
  it('halves its limit once for the refusals of one round, and grows it again with successes', () => {
    const limiter = new ConcurrencyLimiter(16, 0);
    const round = limiter.generation;
    limiter.overloaded(round);
    limiter.overloaded(round);
    expect(limiter.limit).toBe(8);
    limiter.overloaded(limiter.generation);
    expect(limiter.limit).toBe(4);
    // Past the last cut, one more slot for about every `limit` successes.
    for (let i = 0; i < 5; i += 1) limiter.succeeded();
    expect(limiter.limit).toBe(5);
  });

  it('restarts from one slot, doubling per round of successes up to the configured cap', () => {
    const limiter = new ConcurrencyLimiter(16, 0);
    limiter.restart();
    const limits = [limiter.limit];
    while (limiter.limit < 16) {
      const round = limiter.limit;
      for (let i = 0; i < round; i += 1) limiter.succeeded();
      limits.push(limiter.limit);
    }
    expect(limits).toEqual([1, 2, 4, 8, 16]);
    limiter.succeeded();
    expect(limiter.limit).toBe(16);
  });

  it('gives up the slots above a cut limit and hands on the rest in order', async () => {
    const limiter = new ConcurrencyLimiter(4, 5);
    const held = await Promise.all([1, 2, 3, 4].map(() => limiter.acquire()));
    const granted: string[] = [];
    const waiting = ['e', 'f'].map((name) =>
      limiter.acquire().then((release) => {
        granted.push(name);
        return release;
      }),
    );
    limiter.overloaded(limiter.generation);
    limiter.overloaded(limiter.generation);
    expect(limiter.limit).toBe(1);
    for (const release of held.slice(0, 3)) release();
    expect(limiter).toMatchObject({ inFlight: 1, queued: 2 });
    held[3]?.();
    const e = await waiting[0];
    expect(granted).toEqual(['e']);
    e?.();
    (await waiting[1])?.();
    expect(granted).toEqual(['e', 'f']);
    expect(limiter.inFlight).toBe(0);
  });

  it('grants waiting callers in FIFO order', async () => {
    const limiter = new ConcurrencyLimiter(1, 5);
    const order: string[] = [];
    const first = await limiter.acquire();
    const waiting = ['b', 'c', 'd'].map((name) =>
      limiter.acquire().then((release) => {
        order.push(name);
        release();
      }),
    );
    first();
    await Promise.all(waiting);
    expect(order).toEqual(['b', 'c', 'd']);
  });

  it('drops a queued caller whose signal aborts, and the slot goes to the next one', async () => {
    const limiter = new ConcurrencyLimiter(1, 5);
    const held = await limiter.acquire();
    const controller = new AbortController();
    const abandoned = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort();
    await expect(abandoned).rejects.toMatchObject({ code: 'LLM_ABORTED' });
    expect(limiter.queued).toBe(1);
    held();
    (await next)();
    expect(limiter.inFlight).toBe(0);
  });
});
