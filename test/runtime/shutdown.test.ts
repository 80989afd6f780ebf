import { describe, expect, it } from 'vitest';
import { ShuttingDownError, createActorSystem, createManualClock } from '../../src/runtime/index.js';
import { createGates, record, recorderRef } from './fixtures/harness.js';

describe('graceful shutdown', () => {
  it('refuses new messages and drains what was queued', async () => {
    const gates = createGates();
    const system = await createActorSystem({
      threads: 1,
      autoscale: false,
      services: { gates: gates.service },
    });
    await system.spawn({ type: 'rec', behaviour: recorderRef() });
    const reached = gates.reached('g');
    const first = system.ask('rec-1', { type: 'test.wait', gate: 'g', value: 'w' });
    await reached;
    const queued = [1, 2, 3, 4, 5].map((i) => system.ask('rec-1', record(i)));

    const report = system.shutdown({ timeoutMs: 10_000 });
    expect(() => system.tell('rec-1', record('late'))).toThrow(ShuttingDownError);
    await expect(system.ask('rec-1', record('late'))).rejects.toBeInstanceOf(ShuttingDownError);
    gates.open('g');

    expect(await report).toEqual({ drained: 6, returned: [] });
    expect(await first).toBe('w');
    expect(await Promise.all(queued)).toEqual([2, 3, 4, 5, 6]);
  });

  it('hands back what is still queued or in flight when the drain times out', async () => {
    const clock = createManualClock();
    const gates = createGates();
    const system = await createActorSystem({
      threads: 1,
      clock,
      autoscale: false,
      services: { gates: gates.service },
    });
    await system.spawn({ type: 'rec', behaviour: recorderRef() });
    const reached = gates.reached('stuck');
    const stuck = system.ask('rec-1', { type: 'test.wait', gate: 'stuck', value: 'never' });
    await reached;
    system.tell('rec-1', record('queued'));

    const stuckOutcome = expect(stuck).rejects.toBeInstanceOf(ShuttingDownError);
    const report = system.shutdown({ timeoutMs: 5_000 });
    clock.advance(5_000);
    const { drained, returned } = await report;
    expect(drained).toBe(0);
    expect(returned.map((letter) => [letter.target, letter.message, letter.reason.code])).toEqual([
      ['rec-1', { type: 'test.wait', gate: 'stuck', value: 'never' }, 'SHUTTING_DOWN'],
      ['rec-1', record('queued'), 'SHUTTING_DOWN'],
    ]);
    await stuckOutcome;
  });
});
