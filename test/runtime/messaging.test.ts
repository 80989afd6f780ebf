import { afterEach, describe, expect, it } from 'vitest';
import {
  ActorNotFoundError,
  ActorStoppedError,
  AskTimeoutError,
  InvalidMessageError,
  InvalidOptionsError,
  MailboxFullError,
  NotCloneableError,
  createActorSystem,
  createManualClock,
  type ActorSystem,
  type ActorSystemOptions,
} from '../../src/runtime/index.js';
import { createGates, get, nextEvent, record, recorderRef } from './fixtures/harness.js';

let system: ActorSystem | undefined;

async function start(options: ActorSystemOptions = {}): Promise<ActorSystem> {
  system = await createActorSystem({ threads: 1, autoscale: false, ...options });
  return system;
}

afterEach(async () => {
  await system?.shutdown({ timeoutMs: 1_000 });
  system = undefined;
});

describe('actor messaging', () => {
  it('processes one actor’s messages one at a time, in the order they were sent', async () => {
    const actors = await start();
    await actors.spawn({ type: 'rec', behaviour: recorderRef() });
    for (let i = 0; i < 500; i++) actors.tell('rec-1', record(i));
    expect(await actors.ask('rec-1', get)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(actors.status()[0]).toMatchObject({ id: 'rec-1', type: 'rec', state: 'idle', processed: 501 });
  });

  it('serves urgent before high before medium before low, FIFO within a lane', async () => {
    const gates = createGates();
    const actors = await start({ services: { gates: gates.service } });
    await actors.spawn({ type: 'rec', behaviour: recorderRef() });
    const reached = gates.reached('g');
    const first = actors.ask('rec-1', { type: 'test.wait', gate: 'g', value: 'first' });
    await reached;
    actors.tell('rec-1', record('low-1'), { priority: 'low' });
    actors.tell('rec-1', record('medium-1'));
    actors.tell('rec-1', record('urgent-1'), { priority: 'urgent' });
    actors.tell('rec-1', record('high-1'), { priority: 'high' });
    actors.tell('rec-1', record('urgent-2'), { priority: 'urgent' });
    actors.tell('rec-1', record('low-2'), { priority: 'low' });
    gates.open('g');
    await first;
    expect(await actors.ask('rec-1', get, { priority: 'low' })).toEqual([
      'first',
      'urgent-1',
      'urgent-2',
      'high-1',
      'medium-1',
      'low-1',
      'low-2',
    ]);
  });

  it('refuses with MailboxFullError and a retry hint at capacity, and drops nothing it accepted', async () => {
    const gates = createGates();
    const actors = await start({ services: { gates: gates.service } });
    await actors.spawn({ type: 'rec', behaviour: recorderRef(), mailbox: { capacity: 3 } });
    const reached = gates.reached('g');
    const first = actors.ask('rec-1', { type: 'test.wait', gate: 'g', value: 'w' });
    await reached;
    actors.tell('rec-1', record(1));
    actors.tell('rec-1', record(2));
    let refusal: unknown;
    try {
      actors.tell('rec-1', record(3));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(MailboxFullError);
    expect((refusal as MailboxFullError).retryAfterMs).toBeGreaterThan(0);
    expect(actors.status()[0]?.mailbox).toEqual({ depth: 3, capacity: 3 });
    gates.open('g');
    await first;
    expect(await actors.ask('rec-1', get)).toEqual(['w', 1, 2]);
    expect(actors.deadLetters.count()).toBe(0);
  });

  it('rejects an ask with AskTimeoutError when no reply comes in time', async () => {
    const clock = createManualClock();
    const gates = createGates();
    const actors = await start({ clock, services: { gates: gates.service } });
    await actors.spawn({ type: 'rec', behaviour: recorderRef() });
    const reached = gates.reached('never');
    const pending = actors.ask(
      'rec-1',
      { type: 'test.wait', gate: 'never', value: 'x' },
      { timeoutMs: 1_000 },
    );
    await reached;
    clock.advance(999);
    clock.advance(1);
    await expect(pending).rejects.toBeInstanceOf(AskTimeoutError);
    gates.open('never');
  });

  it('rejects an invalid message with InvalidMessageError, dead-letters it and does not restart', async () => {
    const actors = await start();
    await actors.spawn({ type: 'rec', behaviour: recorderRef() });
    await expect(actors.ask('rec-1', { type: 'test.unknown' })).rejects.toBeInstanceOf(InvalidMessageError);
    expect(actors.deadLetters.list()).toMatchObject([
      { target: 'rec-1', message: { type: 'test.unknown' }, reason: { code: 'INVALID_MESSAGE' } },
    ]);
    expect(actors.status()[0]).toMatchObject({ restarts: 0, failed: 0, state: 'idle' });
    expect(await actors.ask('rec-1', record('after'))).toBe(1);
  });

  it('dead-letters messages to unknown and to stopped actors', async () => {
    const actors = await start();
    await actors.spawn({ type: 'rec', behaviour: recorderRef() });
    expect(() => actors.tell('nobody', record(1))).toThrow(ActorNotFoundError);
    await actors.stop('rec-1');
    expect(() => actors.tell('rec-1', record(2))).toThrow(ActorStoppedError);
    await expect(actors.ask('rec-1', record(3))).rejects.toBeInstanceOf(ActorStoppedError);
    expect(actors.deadLetters.count()).toBe(3);
    expect(actors.deadLetters.list(2).map((letter) => [letter.target, letter.reason.code])).toEqual([
      ['rec-1', 'ACTOR_UNAVAILABLE'],
      ['rec-1', 'ACTOR_UNAVAILABLE'],
    ]);
    expect(actors.status()[0]?.state).toBe('stopped');
  });

  it('refuses a message that cannot cross to a worker, without losing the others in its window', async () => {
    const actors = await start();
    await actors.spawn({ type: 'rec', behaviour: recorderRef() });
    actors.tell('rec-1', record('before'));
    const refused = actors.ask('rec-1', { type: 'test.record', value: () => 'a function' });
    actors.tell('rec-1', record('after'));
    await expect(refused).rejects.toBeInstanceOf(NotCloneableError);
    expect(await actors.ask('rec-1', get)).toEqual(['before', 'after']);
    expect(actors.deadLetters.list()).toMatchObject([{ target: 'rec-1', reason: { code: 'NOT_CLONEABLE' } }]);
  });

  it('rejects an invalid pool spec naming the option', async () => {
    const actors = await start();
    await expect(
      actors.spawn({ type: 'rec', behaviour: recorderRef(), instances: { min: 3, max: 2 } }),
    ).rejects.toBeInstanceOf(InvalidOptionsError);
    await expect(
      actors.spawn({ type: 'rec', behaviour: recorderRef(), mailbox: { capacity: 0 } }),
    ).rejects.toThrow('pool rec.mailbox.capacity');
  });

  it('lets actors tell and ask each other by id or by pool type', async () => {
    const actors = await start({ threads: 2 });
    await actors.spawn({ type: 'a', behaviour: recorderRef() });
    await actors.spawn({ type: 'b', behaviour: recorderRef() });
    await actors.ask('a-1', { type: 'test.tell', target: 'b-1', message: record('told') });
    expect(await actors.ask('a-1', { type: 'test.ask', target: 'b', message: record('asked') })).toBe(2);
    expect(await actors.ask('b', get)).toEqual(['told', 'asked']);
    const letter = nextEvent(actors, 'deadletter');
    await actors.ask('a-1', { type: 'test.tell', target: 'nobody', message: record('lost') });
    expect((await letter).letter).toMatchObject({ target: 'nobody', reason: { code: 'ACTOR_NOT_FOUND' } });
  });
});
