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

describe('ConcurrencyLimiter', () => {
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
