import { afterEach, describe, expect, it } from 'vitest';
import {
  InvalidOptionsError,
  createActorSystem,
  createManualClock,
  type ActorSystem,
} from '../../src/runtime/index.js';
import { createGates, events, get, record, recorderRef } from './fixtures/harness.js';

let system: ActorSystem | undefined;

afterEach(async () => {
  await system?.shutdown({ timeoutMs: 1_000 });
  system = undefined;
});

const instanceIds = (actors: ActorSystem, type: string) =>
  actors
    .status()
    .filter((status) => status.type === type)
    .map((status) => status.id);

describe('dynamic pools', () => {
  it('keeps a key on one instance while it has work in flight, and spreads keys by load', async () => {
    system = await createActorSystem({ threads: 2, autoscale: false });
    const ids = await system.spawn({
      type: 'k',
      behaviour: recorderRef(),
      instances: { initial: 3, max: 3 },
    });
    const keys = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
    for (let i = 0; i < 40; i++) {
      for (const key of keys) system.tell('k', record(`${key}:${i}`), { key });
    }
    const seenBy = await Promise.all(ids.map((id) => system?.ask(id, get) as Promise<string[]>));
    for (const key of keys) {
      const holders = seenBy.filter((seen) => seen.some((value) => value.startsWith(`${key}:`)));
      expect(holders).toHaveLength(1);
      const order = holders[0]
        ?.filter((value) => value.startsWith(`${key}:`))
        .map((value) => Number(value.split(':')[1]));
      expect(order).toEqual(Array.from({ length: 40 }, (_, i) => i));
    }
    expect(seenBy.filter((seen) => seen.length > 0).length).toBeGreaterThan(1);
  });

  it('grows under a burst and shrinks back to min when idle, timed by the injected clock', async () => {
    const clock = createManualClock();
    const gates = createGates();
    system = await createActorSystem({
      threads: 2,
      clock,
      services: { gates: gates.service },
      autoscale: { intervalMs: 100, scaleUpDepth: 4, idleMs: 1_000 },
    });
    const actors = system;
    await actors.spawn({ type: 'burst', behaviour: recorderRef(), instances: { min: 1, max: 3 } });
    const reached = gates.reached('hold');
    const held = actors.ask('burst', { type: 'test.wait', gate: 'hold', value: 'held' });
    await reached;
    for (let i = 0; i < 20; i++) actors.tell('burst', record(i));

    const grown = events(actors, 'actor.started', 2);
    const scaledUp = events(actors, 'pool.scaled', 1);
    clock.advance(100);
    expect((await scaledUp)[0]).toMatchObject({ poolType: 'burst', from: 1, to: 3 });
    await grown;
    expect(instanceIds(actors, 'burst')).toEqual(['burst-1', 'burst-2', 'burst-3']);

    // New messages go to the least-loaded instances while burst-1 is still held.
    expect(await actors.ask('burst', record('fresh'))).toBe(1);
    gates.open('hold');
    await held;
    expect(await actors.ask('burst-1', get)).toHaveLength(21);

    const shrunk = events(actors, 'pool.scaled', 2);
    clock.advance(1_000);
    clock.advance(100);
    expect((await shrunk).map((event) => [event.from, event.to])).toEqual([
      [3, 2],
      [2, 1],
    ]);
    expect(instanceIds(actors, 'burst')).toEqual(['burst-1']);
    clock.advance(10_000);
    expect(instanceIds(actors, 'burst')).toEqual(['burst-1']);
  });

  it('scales on request within the pool bounds', async () => {
    system = await createActorSystem({ threads: 1, autoscale: false });
    await system.spawn({ type: 'm', behaviour: recorderRef(), instances: { min: 1, max: 4 } });
    expect(await system.scale('m', 3)).toEqual(['m-1', 'm-2', 'm-3']);
    expect(system.status().map((status) => status.state)).toEqual(['idle', 'idle', 'idle']);
    expect(await system.scale('m', 1)).toEqual(['m-1']);
    expect(instanceIds(system, 'm')).toEqual(['m-1']);
    await expect(system.scale('m', 5)).rejects.toBeInstanceOf(InvalidOptionsError);
  });
});
