import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BreakerConfig, createLlm, type LlmPort } from '../../../src/llm/index.js';
import { CircuitBreaker } from '../../../src/llm/resilience/index.js';
import type { Clock } from '../../../src/runtime/index.js';
import { FakeLlm } from '../../../src/testing/index.js';

const request = { agent: 'billing-1', queryId: 'q-1', messages: [{ role: 'user' as const, content: 'hi' }] };

/** Real timers (the HTTP calls need them) but a `now` the test moves by hand. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  return {
    now: () => now,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    advance: (ms) => {
      now += ms;
    },
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('circuit breaker over HTTP', () => {
  let fake: FakeLlm;
  let clock: ReturnType<typeof manualClock>;
  let llm: LlmPort;

  beforeEach(async () => {
    fake = await new FakeLlm().start();
    clock = manualClock();
    llm = createLlm(
      {
        baseURL: fake.baseURL,
        maxRetries: 0,
        breaker: { failureThreshold: 3, cooldownMs: 10_000 },
      },
      { clock },
    );
  });

  afterEach(async () => {
    await fake.stop();
  });

  it('opens after N consecutive failures and then rejects without reaching the server', async () => {
    fake.enqueue(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 500 })));
    for (let i = 0; i < 3; i += 1) expect(await codeOf(llm.complete(request))).toBe('LLM_REQUEST_FAILED');
    expect(llm.health().breaker).toBe('open');
    expect(await codeOf(llm.complete(request))).toBe('LLM_UNAVAILABLE');
    expect(await codeOf(llm.complete(request))).toBe('LLM_UNAVAILABLE');
    expect(fake.calls).toHaveLength(3);
  });

  it('half-opens after the cool-down, lets one probe through and closes when it succeeds', async () => {
    fake.enqueue(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 502 })));
    for (let i = 0; i < 3; i += 1) await codeOf(llm.complete(request));
    clock.advance(9_999);
    expect(llm.health().breaker).toBe('open');
    clock.advance(1);
    expect(llm.health().breaker).toBe('half-open');

    let release!: () => void;
    fake.enqueue({
      kind: 'text',
      text: 'probe ok',
      waitFor: new Promise<void>((resolve) => (release = resolve)),
    });
    const probe = llm.complete(request);
    await fake.waitForCalls(4);
    // While the probe is out, nobody else gets through.
    expect(await codeOf(llm.complete(request))).toBe('LLM_UNAVAILABLE');
    release();
    expect((await probe).text).toBe('probe ok');
    expect(llm.health().breaker).toBe('closed');
    expect(await codeOf(llm.complete(request))).toBe('resolved');
    expect(fake.calls).toHaveLength(5);
  });

  it('reopens when the half-open probe fails', async () => {
    fake.enqueue(...Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 500 })));
    for (let i = 0; i < 3; i += 1) await codeOf(llm.complete(request));
    clock.advance(10_000);
    expect(await codeOf(llm.complete(request))).toBe('LLM_REQUEST_FAILED');
    expect(llm.health().breaker).toBe('open');
    expect(await codeOf(llm.complete(request))).toBe('LLM_UNAVAILABLE');
    expect(fake.calls).toHaveLength(4);
  });

  it('takes an overloaded answer (503, 429) as down only when the server refuses even one call at a time', async () => {
    fake.setDefault({ kind: 'status', status: 503 });
    const codes: string[] = [];
    while (codes.length < 20 && llm.health().breaker === 'closed')
      codes.push(await codeOf(llm.complete(request)));
    // The configured 16 is halved at each refusal; from the one that leaves one call, three open it.
    expect(codes).toEqual(Array.from({ length: 6 }, () => 'LLM_REQUEST_FAILED'));
    expect(llm.health()).toMatchObject({ breaker: 'open', limit: 1 });
  });

  it('lets calls in again from one at a time after an outage, doubling as they succeed', async () => {
    fake.enqueue(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 500 })));
    for (let i = 0; i < 3; i += 1) await codeOf(llm.complete(request));
    expect(llm.health()).toMatchObject({ breaker: 'open', limit: 1 });
    clock.advance(10_000);
    fake.setDefault({ kind: 'text', text: 'back' });
    expect(await codeOf(llm.complete(request))).toBe('resolved');
    expect(llm.health()).toMatchObject({ breaker: 'closed', limit: 2 });
    await Promise.all([llm.complete(request), llm.complete(request)]);
    expect(llm.health().limit).toBe(4);
  });

  it('does not count answers the caller cannot use as server failures', async () => {
    fake.enqueue(...Array.from({ length: 4 }, () => ({ kind: 'empty' as const })));
    for (let i = 0; i < 4; i += 1) expect(await codeOf(llm.complete(request))).toBe('LLM_INVALID_OUTPUT');
    expect(llm.health().breaker).toBe('closed');
  });
});

describe('CircuitBreaker', () => {
  it('opens on the failure rate over its window even without a consecutive run', () => {
    const config = BreakerConfig.parse({
      failureThreshold: 100,
      failureRate: 0.5,
      windowSize: 4,
      minimumCalls: 4,
    });
    const breaker = new CircuitBreaker(config, () => 0);
    const outcomes = [false, true, false, true];
    for (const failed of outcomes) {
      const permit = breaker.tryAcquire();
      expect(permit).toBeDefined();
      if (failed) breaker.recordFailure(permit!);
      else breaker.recordSuccess(permit!);
    }
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBeUndefined();
  });

  it('stays closed below the minimum number of calls', () => {
    const config = BreakerConfig.parse({ failureThreshold: 100, failureRate: 0.5, minimumCalls: 10 });
    const breaker = new CircuitBreaker(config, () => 0);
    for (let i = 0; i < 5; i += 1) breaker.recordFailure(breaker.tryAcquire()!);
    expect(breaker.state).toBe('closed');
  });
});
