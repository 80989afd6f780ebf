import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import type { GatedMessage } from '../../src/desk/conversation-gate.js';
import { SharedConversationGate } from '../../src/desk/shared-conversation-gate.js';
import type { DoubleTextPolicy } from '../../src/domain/vocabulary.js';
import { createRedisConversationLeases, type ConversationLeases } from '../../src/leases/index.js';
import { createKeys } from '../../src/redis/index.js';
import { describeWithRedis, probeTestRedis, useRedisKeyspace } from '../support/redis.js';

const availability = await probeTestRedis();

interface Answer {
  queryId: string;
  text: string;
  by: string;
}

/** Answers kept where every "process" reads them, as the blackboard keeps query results. */
const answers = new Map<string, Answer>();

/** Work the test finishes by hand, recording what each process was asked to answer. */
function controlledWork(by: string, log: string[]) {
  const finishers: Array<() => void> = [];
  const work = async (message: GatedMessage<string>): Promise<Answer> => {
    log.push(`${by}:${message.text}`);
    await new Promise<void>((resolve) => finishers.push(resolve));
    await message.fence?.check();
    const answer = { queryId: randomUUID(), text: message.text, by };
    answers.set(answer.queryId, answer);
    return answer;
  };
  return { work, finishers };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(5);
  }
}

describeWithRedis('shared conversation gate (two processes on one Redis)', availability, (url) => {
  const keyspace = useRedisKeyspace(url);
  const leasesFor = (ttlMs = 10_000) =>
    createRedisConversationLeases(keyspace.client, { keyPrefix: keyspace.prefix, ttlMs });
  const gateFor = (policy: DoubleTextPolicy, leases: ConversationLeases = leasesFor(), ttlMs = 10_000) =>
    new SharedConversationGate<Answer, string>({
      policy,
      leases,
      renewMs: Math.floor(ttlMs / 3),
      pollMs: 5,
      outageMs: 1_000,
      resultOf: async (queryId) => answers.get(queryId),
      queryIdOf: (answer) => answer.queryId,
    });

  it('enqueue: a message in another process waits for the conversation, then is answered', async () => {
    const log: string[] = [];
    const a = controlledWork('a', log);
    const b = controlledWork('b', log);
    const first = gateFor('enqueue').submit('c-1', 'one', 'x', a.work);
    await until(() => log.length === 1);
    const second = gateFor('enqueue').submit('c-1', 'two', 'y', b.work);
    await sleep(50);
    expect(log).toEqual(['a:one']);
    a.finishers.shift()?.();
    expect((await first).text).toBe('one');
    await until(() => log.length === 2);
    b.finishers.shift()?.();
    expect(await second).toMatchObject({ text: 'two', by: 'b' });
  });

  it('reject: a message in another process while one is answered is CONVERSATION_BUSY', async () => {
    const log: string[] = [];
    const a = controlledWork('a', log);
    const b = controlledWork('b', log);
    const here = gateFor('reject');
    const elsewhere = gateFor('reject');
    const first = here.submit('c-1', 'one', 'x', a.work);
    await until(() => log.length === 1);
    await expect(elsewhere.submit('c-1', 'two', 'y', b.work)).rejects.toMatchObject({
      code: 'CONVERSATION_BUSY',
    });
    a.finishers.shift()?.();
    await first;
    const later = elsewhere.submit('c-1', 'three', 'z', b.work);
    await until(() => log.length === 2);
    b.finishers.shift()?.();
    expect((await later).text).toBe('three');
    expect(log).toEqual(['a:one', 'b:three']);
  });

  it('merge: texts sent to either process during an answer are answered once, by the holder, for every sender', async () => {
    const log: string[] = [];
    const a = controlledWork('a', log);
    const b = controlledWork('b', log);
    const here = gateFor('merge');
    const elsewhere = gateFor('merge');
    const first = here.submit('c-1', 'one', 'x', a.work);
    await until(() => log.length === 1);
    const queued = () => keyspace.client.llen(createKeys(keyspace.prefix).conversationJoined('c-1'));
    const two = elsewhere.submit('c-1', 'two', 'y', b.work);
    await expect.poll(queued).toBe(1);
    const three = here.submit('c-1', 'three', 'z', a.work);
    await expect.poll(queued).toBe(2);
    const four = elsewhere.submit('c-1', 'four', 'w', b.work);
    await expect.poll(queued).toBe(3);
    a.finishers.shift()?.();
    expect(await first).toMatchObject({ text: 'one', by: 'a' });
    await until(() => log.length === 2);
    a.finishers.shift()?.();
    const merged = await two;
    expect(merged).toMatchObject({ text: 'two\nthree\nfour', by: 'a' });
    expect(await three).toEqual(merged);
    expect(await four).toEqual(merged);
    expect(log).toEqual(['a:one', 'a:two\nthree\nfour']);
    await here.idle();
    // Free again: the next text is answered on its own, by whichever process received it.
    const next = elsewhere.submit('c-1', 'five', 'v', b.work);
    await until(() => log.length === 3);
    b.finishers.shift()?.();
    expect(await next).toMatchObject({ text: 'five', by: 'b' });
  });

  it('merge: a queued text’s sender rides out Redis going away and still gets the holder’s answer', async () => {
    const log: string[] = [];
    const a = controlledWork('a', log);
    const b = controlledWork('b', log);
    const leases = leasesFor();
    let outage = 10;
    // What ioredis rejects with while the connection is down.
    const flaky: ConversationLeases = {
      ...leases,
      pollJoined: (conversationId, entryId) =>
        outage-- > 0
          ? Promise.reject(new Error('Connection is closed.'))
          : leases.pollJoined(conversationId, entryId),
    };
    const first = gateFor('merge').submit('c-1', 'one', 'x', a.work);
    await until(() => log.length === 1);
    const queued = gateFor('merge', flaky).submit('c-1', 'two', 'y', b.work);
    await until(() => outage < 5);
    a.finishers.shift()?.();
    await first;
    await until(() => log.length === 2);
    a.finishers.shift()?.();
    expect(await queued).toMatchObject({ text: 'two', by: 'a' });
    expect(outage).toBeLessThan(0);
  });

  it('lets the next message through once a holder that died stops renewing its lease', async () => {
    const started = Date.now();
    const dead = await leasesFor(150).tryAcquire('c-1');
    expect(dead).toBeDefined();
    const log: string[] = [];
    const b = controlledWork('b', log);
    const waiting = gateFor('enqueue', leasesFor(150), 150).submit('c-1', 'two', 'y', b.work);
    await until(() => log.length === 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    b.finishers.shift()?.();
    expect((await waiting).text).toBe('two');
  });

  it('merge: a text queued for a holder that died is answered by its sender once the lease lapses', async () => {
    const dead = await leasesFor(150).acquireOrJoin('c-1', { entryId: randomUUID(), text: 'one' });
    expect(dead).toBeDefined();
    const log: string[] = [];
    const b = controlledWork('b', log);
    const queued = gateFor('merge', leasesFor(150), 150).submit('c-1', 'two', 'y', b.work);
    await until(() => log.length === 1);
    b.finishers.shift()?.();
    expect(await queued).toMatchObject({ text: 'two', by: 'b' });
  });

  it('fences a holder that lost its lease: its answer is refused once a newer holder exists', async () => {
    const leases = leasesFor(100);
    // A holder stalled past its lease: its renewals no longer land.
    const stalled: ConversationLeases = { ...leases, renew: async () => false };
    const log: string[] = [];
    const a = controlledWork('a', log);
    const b = controlledWork('b', log);
    const first = gateFor('enqueue', stalled, 100).submit('c-1', 'one', 'x', a.work);
    await until(() => log.length === 1);
    await sleep(150);
    const second = gateFor('enqueue', leases, 100).submit('c-1', 'two', 'y', b.work);
    await until(() => log.length === 2);
    a.finishers.shift()?.();
    await expect(first).rejects.toMatchObject({
      code: 'CONVERSATION_BUSY',
      details: { conversationId: 'c-1', fenced: true },
    });
    b.finishers.shift()?.();
    expect((await second).text).toBe('two');
  });
});
