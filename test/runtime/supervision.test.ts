import { afterEach, describe, expect, it } from 'vitest';
import {
  ActorStoppedError,
  BehaviourError,
  createActorSystem,
  type ActorSystem,
  type ActorSystemOptions,
  type SystemEvent,
} from '../../src/runtime/index.js';
import {
  createGates,
  events,
  get,
  nextEvent,
  record,
  recorderRef,
  whoami,
  type Whoami,
} from './fixtures/harness.js';

let system: ActorSystem | undefined;

// Restarts right away so these tests wait on events, not on backoff; backoff itself is tested in restart-policy.
const immediate = { backoff: { minMs: 0, maxMs: 0, jitter: 0 } };

async function start(options: ActorSystemOptions = {}): Promise<ActorSystem> {
  system = await createActorSystem({
    threads: 1,
    autoscale: false,
    defaults: { supervision: immediate },
    ...options,
  });
  return system;
}

afterEach(async () => {
  await system?.shutdown({ timeoutMs: 1_000 });
  system = undefined;
});

describe('supervision', () => {
  it('restarts a crashed actor with fresh state, keeps its mailbox and retries the failed message once', async () => {
    const actors = await start();
    await actors.spawn({ type: 'rec', behaviour: recorderRef() });
    const restarted = nextEvent(actors, 'actor.restarted');
    actors.tell('rec-1', record('before'));
    actors.tell('rec-1', { type: 'test.failOnce', value: 'flaky' });
    for (let i = 1; i <= 5; i++) actors.tell('rec-1', record(i));
    expect(await restarted).toMatchObject({
      id: 'rec-1',
      attempt: 1,
      error: { message: 'failing once on flaky' },
    });
    // 'before' belonged to the old state; the retried message and everything behind it survive.
    expect(await actors.ask('rec-1', get)).toEqual(['flaky', 1, 2, 3, 4, 5]);
    expect(((await actors.ask('rec-1', whoami)) as Whoami).generation).toBe(2);
    expect(actors.status()[0]).toMatchObject({ state: 'idle', restarts: 1, failed: 1, processed: 9 });
    expect(actors.deadLetters.count()).toBe(0);
  });

  it('dead-letters a message that fails twice and rejects its ask with the error', async () => {
    const actors = await start();
    await actors.spawn({ type: 'rec', behaviour: recorderRef() });
    const outcome = actors.ask('rec-1', { type: 'test.fail', value: 'poison' });
    actors.tell('rec-1', record('behind'));
    await expect(outcome).rejects.toBeInstanceOf(BehaviourError);
    await expect(outcome).rejects.toThrow('failing on poison');
    expect(await actors.ask('rec-1', get)).toEqual(['behind']);
    expect(actors.deadLetters.list()).toMatchObject([
      {
        target: 'rec-1',
        message: { type: 'test.fail', value: 'poison' },
        reason: { message: 'failing on poison' },
      },
    ]);
    expect(actors.status()[0]).toMatchObject({ restarts: 2, failed: 2 });
  });

  it('marks an actor failed when the restart intensity is exceeded, and start brings it back', async () => {
    const inspected: SystemEvent[] = [];
    const actors = await start({
      inspect: (event) => inspected.push(event),
      defaults: { supervision: { maxRestarts: 2, withinMs: 60_000, ...immediate } },
    });
    await actors.spawn({ type: 'rec', behaviour: recorderRef() });
    const failed = nextEvent(actors, 'actor.failed');
    actors.tell('rec-1', { type: 'test.fail', value: 'a' });
    const queued = actors.ask('rec-1', { type: 'test.fail', value: 'b' });
    expect(await failed).toMatchObject({ id: 'rec-1', error: { message: 'failing on b' } });
    expect(inspected.some((event) => event.type === 'actor.failed' && event.id === 'rec-1')).toBe(true);
    await expect(queued).rejects.toBeInstanceOf(ActorStoppedError);
    expect(actors.status()[0]).toMatchObject({
      state: 'failed',
      restarts: 2,
      lastError: { message: 'failing on b' },
    });
    expect(() => actors.tell('rec-1', record('refused'))).toThrow(ActorStoppedError);

    await actors.start('rec-1');
    expect(actors.status()[0]).toMatchObject({ state: 'idle', lastError: null });
    expect(await actors.ask('rec-1', record('again'))).toBe(1);
  });

  it('fails a pool whose behaviour cannot initialise, and rejects the spawn', async () => {
    const actors = await start({ defaults: { supervision: { maxRestarts: 1, ...immediate } } });
    await expect(actors.spawn({ type: 'broken', behaviour: recorderRef('brokenInit') })).rejects.toThrow(
      'init refuses',
    );
    expect(actors.status()[0]).toMatchObject({ id: 'broken-1', state: 'failed', restarts: 1 });
  });

  it('replaces a thread that calls process.exit and moves its actors, mailboxes and in-flight work', async () => {
    const gates = createGates();
    const actors = await start({
      services: { gates: gates.service, markers: { set: (key: string) => system?.setShared(key, true) } },
    });
    await actors.spawn({ type: 'victim', behaviour: recorderRef() });
    await actors.spawn({ type: 'bystander', behaviour: recorderRef() });
    const before = ((await actors.ask('bystander-1', whoami)) as Whoami).thread;
    const waiting = gates.reached('io');
    const bystanderWork = actors.ask('bystander-1', { type: 'test.wait', gate: 'io', value: 'in-flight' });
    actors.tell('bystander-1', record('queued-b'));
    await waiting;
    const exited = nextEvent(actors, 'thread.exited');

    // The victim exits the thread on first sight of 'k'; its retry on the new thread finds the marker.
    const outcome = actors.ask('victim-1', { type: 'test.exitOnce', value: 'k' });
    actors.tell('victim-1', record('queued-v'));
    expect(await exited).toMatchObject({ thread: before, code: 4, error: { code: 'THREAD_EXITED' } });
    await outcome;
    gates.open('io');
    expect(await bystanderWork).toBe('in-flight');

    expect(await actors.ask('victim-1', get)).toEqual(['k', 'queued-v']);
    expect(await actors.ask('bystander-1', get)).toEqual(['in-flight', 'queued-b']);
    const after = ((await actors.ask('bystander-1', whoami)) as Whoami).thread;
    expect(after).not.toBe(before);
    expect(actors.status().map((status) => status.thread)).toEqual([after, after]);
    expect(actors.deadLetters.count()).toBe(0);
  });

  it('replaces a thread killed by an uncaught exception outside a handler', async () => {
    const actors = await start({ threads: 2 });
    await actors.spawn({ type: 'rec', behaviour: recorderRef(), instances: { initial: 2, max: 2 } });
    const victim = (await actors.ask('rec-1', whoami)) as Whoami;
    const exited = nextEvent(actors, 'thread.exited');
    const moved = nextEvent(actors, 'actor.started', (event) => event.id === 'rec-1');
    actors.tell('rec-1', { type: 'test.uncaught', value: 'timer' });
    expect(await exited).toMatchObject({
      thread: victim.thread,
      error: { message: expect.stringContaining('uncaught outside a handler: timer') },
    });
    await moved;
    actors.tell('rec-1', record('after'));
    expect(await actors.ask('rec-1', get)).toEqual(['after']);
    expect(((await actors.ask('rec-1', whoami)) as Whoami).thread).not.toBe(victim.thread);
  });

  it('replaces a thread killed on purpose (a fault drill) and moves its actors with their state re-initialised', async () => {
    const actors = await start({ threads: 1 });
    await actors.spawn({ type: 'rec', behaviour: recorderRef() });
    actors.tell('rec-1', record('before'));
    const victim = (await actors.ask('rec-1', whoami)) as Whoami;
    expect(actors.threads()).toEqual([{ thread: victim.thread, actors: ['rec-1'] }]);
    const exited = nextEvent(actors, 'thread.exited');
    const moved = nextEvent(actors, 'actor.started', (event) => event.id === 'rec-1');

    expect(await actors.killThread()).toBe(victim.thread);
    expect(await exited).toMatchObject({ thread: victim.thread });
    await moved;
    actors.tell('rec-1', record('after'));
    expect(await actors.ask('rec-1', get)).toEqual(['after']);
    expect(actors.threads().map((thread) => thread.thread)).not.toContain(victim.thread);
    await expect(actors.killThread(victim.thread)).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });

  it('replaces a thread that runs out of memory and dead-letters the message after its retry', async () => {
    const actors = await start({
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
    });
    await actors.spawn({ type: 'rec', behaviour: recorderRef() });
    const exits = events(actors, 'thread.exited', 2);
    const outcome = actors.ask('rec-1', { type: 'test.hog' });
    actors.tell('rec-1', record('survivor'));
    await expect(outcome).rejects.toBeInstanceOf(BehaviourError);
    expect((await exits).map((event) => event.error?.message)).toEqual([
      expect.stringContaining('memory'),
      expect.stringContaining('memory'),
    ]);
    expect(await actors.ask('rec-1', get)).toEqual(['survivor']);
    expect(actors.deadLetters.list()).toMatchObject([
      { message: { type: 'test.hog' }, reason: { code: 'THREAD_EXITED' } },
    ]);
  });

  it('restarts on request, keeping the mailbox', async () => {
    const actors = await start();
    await actors.spawn({ type: 'rec', behaviour: recorderRef() });
    await actors.ask('rec-1', record('old'));
    const restarted = events(actors, 'actor.restarted', 1);
    await actors.restart('rec-1');
    expect((await restarted)[0]).toMatchObject({ id: 'rec-1', attempt: 0, error: null });
    expect(await actors.ask('rec-1', get)).toEqual([]);
    expect(actors.status()[0]).toMatchObject({ restarts: 1, failed: 0, state: 'idle' });
  });
});
