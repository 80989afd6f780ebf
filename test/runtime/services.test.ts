import { afterEach, describe, expect, it } from 'vitest';
import { SwarmError, createActorSystem, type ActorSystem } from '../../src/runtime/index.js';
import { createGates, record, recorderRef, whoami, type Whoami } from './fixtures/harness.js';

let system: ActorSystem | undefined;

afterEach(async () => {
  await system?.shutdown({ timeoutMs: 1_000 });
  system = undefined;
});

const call = (service: string, method: string, ...args: unknown[]) => ({
  type: 'test.call',
  service,
  method,
  args,
});

describe('host services, emit and shared values', () => {
  it('runs ctx.call on the main thread and rebuilds rejections as SwarmError from their code', async () => {
    system = await createActorSystem({
      threads: 1,
      autoscale: false,
      services: {
        math: { add: (a: number, b: number) => a + b },
        billing: {
          refund: async () => {
            throw new SwarmError('REFUND_DENIED', 'over the limit', { details: { limit: 50 } });
          },
        },
      },
    });
    await system.spawn({ type: 'rec', behaviour: recorderRef() });
    expect(await system.ask('rec-1', call('math', 'add', 2, 3))).toEqual({ value: 5 });
    expect(await system.ask('rec-1', call('billing', 'refund'))).toEqual({
      error: { name: 'SwarmError', code: 'REFUND_DENIED', message: 'over the limit', details: { limit: 50 } },
    });
    expect(await system.ask('rec-1', call('billing', 'missing'))).toMatchObject({
      error: { name: 'ServiceNotFoundError', code: 'SERVICE_NOT_FOUND' },
    });
  });

  it('delivers ctx.emit to the host listeners of the topic', async () => {
    system = await createActorSystem({ threads: 1, autoscale: false });
    await system.spawn({ type: 'rec', behaviour: recorderRef() });
    const received = new Promise((resolve) => system?.on('tokens', resolve));
    system.tell('rec-1', { type: 'test.emit', topic: 'tokens', event: { text: 'hello' } });
    expect(await received).toEqual({ text: 'hello' });
  });

  it('passes ctx.log to the injected logger, tagged with the actor id', async () => {
    const entries: Array<[string, Record<string, unknown> | undefined]> = [];
    const logger = {
      debug() {},
      info() {},
      warn: (msg: string, fields?: Record<string, unknown>) => entries.push([msg, fields]),
      error() {},
    };
    system = await createActorSystem({ threads: 1, autoscale: false, logger });
    await system.spawn({ type: 'rec', behaviour: recorderRef() });
    await system.ask('rec-1', { type: 'test.log', msg: 'careful' });
    expect(entries).toEqual([['careful', { size: 0, actorId: 'rec-1' }]]);
  });

  it('replicates setShared values to the running workers', async () => {
    system = await createActorSystem({ threads: 1, autoscale: false });
    system.setShared('catalogue', { version: 1 });
    await system.spawn({ type: 'early', behaviour: recorderRef() });
    expect(await system.ask('early-1', { type: 'test.shared', key: 'catalogue' })).toEqual({ version: 1 });
    system.setShared('catalogue', { version: 2 });
    expect(await system.ask('early-1', { type: 'test.shared', key: 'catalogue' })).toEqual({ version: 2 });
    expect(await system.ask('early-1', { type: 'test.shared', key: 'absent' })).toBeNull();
  });

  it('keeps serving other actors on the same thread while one awaits a slow service call', async () => {
    const gates = createGates();
    system = await createActorSystem({ threads: 1, autoscale: false, services: { gates: gates.service } });
    await system.spawn({ type: 'slow', behaviour: recorderRef() });
    await system.spawn({ type: 'fast', behaviour: recorderRef() });
    const slowThread = ((await system.ask('slow-1', whoami)) as Whoami).thread;
    expect(((await system.ask('fast-1', whoami)) as Whoami).thread).toBe(slowThread);

    const reached = gates.reached('llm');
    let slowDone = false;
    const slow = system.ask('slow-1', { type: 'test.wait', gate: 'llm', value: 'answer' }).then((value) => {
      slowDone = true;
      return value;
    });
    await reached;
    for (let i = 1; i <= 20; i++) expect(await system.ask('fast-1', record(i))).toBe(i);
    expect(slowDone).toBe(false);
    expect(system.status().find((status) => status.id === 'slow-1')?.state).toBe('busy');
    gates.open('llm');
    expect(await slow).toBe('answer');
  });
});

describe('deferred replies', () => {
  it('frees the actor for its next message while a promised reply waits, and settles it later', async () => {
    const gates = createGates();
    system = await createActorSystem({ threads: 1, autoscale: false, services: { gates: gates.service } });
    await system.spawn({ type: 'rec', behaviour: recorderRef() });
    const reached = gates.reached('slow');
    const slow = system.ask('rec-1', { type: 'test.waitLater', gate: 'slow', value: 'late', fail: false });
    await reached;
    system.tell('rec-1', record('meanwhile'));
    expect(await system.ask('rec-1', { type: 'test.get' })).toEqual(['late', 'meanwhile']);
    expect(system.status()[0]).toMatchObject({ state: 'idle', processed: 3 });
    gates.open('slow');
    expect(await slow).toBe('late');
  });

  it('rejects the ask with the deferred error without crashing the actor', async () => {
    const gates = createGates();
    system = await createActorSystem({ threads: 1, autoscale: false, services: { gates: gates.service } });
    await system.spawn({ type: 'rec', behaviour: recorderRef() });
    gates.open('now');
    await expect(
      system.ask('rec-1', { type: 'test.waitLater', gate: 'now', value: 'x', fail: true }),
    ).rejects.toMatchObject({ message: expect.stringContaining('deferred x failed') });
    expect(system.status()[0]).toMatchObject({ restarts: 0, state: 'idle' });
    expect(await system.ask('rec-1', { type: 'test.get' })).toEqual(['x']);
  });

  it('rejects replies still owed by a thread that dies', async () => {
    const gates = createGates();
    system = await createActorSystem({ threads: 1, autoscale: false, services: { gates: gates.service } });
    await system.spawn({ type: 'rec', behaviour: recorderRef() });
    const reached = gates.reached('never');
    const owed = system.ask('rec-1', { type: 'test.waitLater', gate: 'never', value: 'v', fail: false });
    await reached;
    await system.killThread();
    await expect(owed).rejects.toMatchObject({ code: 'THREAD_EXITED' });
  });
});
