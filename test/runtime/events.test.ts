import { afterEach, describe, expect, it } from 'vitest';
import { createActorSystem, type ActorSystem, type SystemEvent } from '../../src/runtime/index.js';
import { EventBus } from '../../src/runtime/events.js';
import { get, nextEvent, record, recorderRef } from './fixtures/harness.js';

let system: ActorSystem | undefined;

afterEach(async () => {
  await system?.shutdown({ timeoutMs: 1_000 });
  system = undefined;
});

describe('lifecycle and status events', () => {
  it('reports thread and actor lifecycle to subscribers and to the inspect observer alike', async () => {
    const inspected: SystemEvent[] = [];
    system = await createActorSystem({
      threads: 1,
      autoscale: false,
      inspect: (event) => inspected.push(event),
    });
    const seen: SystemEvent[] = [];
    const unsubscribe = system.subscribe((event) => seen.push(event));
    const started = nextEvent(system, 'actor.started');
    await system.spawn({ type: 'rec', behaviour: recorderRef() });
    expect(await started).toMatchObject({ id: 'rec-1', thread: expect.any(Number) });
    await system.stop('rec-1');
    unsubscribe();
    const types = seen.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['actor.started', 'actor.stopped']));
    expect(inspected.map((event) => event.type)).toEqual(expect.arrayContaining(types));
  });

  it('coalesces actor.status so a busy actor does not emit one event per message', async () => {
    system = await createActorSystem({ threads: 1, autoscale: false });
    await system.spawn({ type: 'rec', behaviour: recorderRef() });
    const statuses: SystemEvent[] = [];
    system.subscribe((event) => {
      if (event.type === 'actor.status') statuses.push(event);
    });
    const last = nextEvent(system, 'actor.status', (event) => event.status.processed === 1000);
    for (let i = 0; i < 999; i++) system.tell('rec-1', record(i));
    expect(await system.ask('rec-1', get)).toHaveLength(999);
    expect((await last).status).toMatchObject({ id: 'rec-1', state: 'idle', processed: 1000 });
    expect(statuses.length).toBeLessThan(50);
  });
});

describe('topic listeners', () => {
  it('forgets a topic once its last listener leaves, so per-query topics do not pile up', () => {
    const bus = new EventBus(undefined, { debug() {}, info() {}, warn() {}, error() {} });
    const heard: unknown[] = [];
    const first = bus.on('query:1', (event) => heard.push(event));
    const second = bus.on('query:1', (event) => heard.push(event));
    first();
    bus.emit('query:1', 'still heard');
    expect(bus.topicCount).toBe(1);
    second();
    second();
    expect(bus.topicCount).toBe(0);
    bus.emit('query:1', 'nobody listens');
    expect(heard).toEqual(['still heard']);
  });
});
