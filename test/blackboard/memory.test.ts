import { describe, expect, it } from 'vitest';
import { createMemoryBlackboard } from '../../src/blackboard/index.js';
import { blackboardConformance, sampleResult } from './conformance.js';

blackboardConformance('memory', (options) => createMemoryBlackboard(options));

describe('memory blackboard bounds', () => {
  it('evicts the least recently used conversation beyond maxConversations', async () => {
    const board = createMemoryBlackboard({ maxConversations: 2 });
    await board.open('c-1', { customerId: 'A' });
    await board.open('c-2', { customerId: 'B' });
    await board.get('c-1');
    await board.open('c-3', { customerId: 'C' });
    expect(await board.get('c-2')).toBeUndefined();
    expect(await board.get('c-1')).toBeDefined();
    expect(await board.get('c-3')).toBeDefined();
  });

  it('evicts the least recently used result beyond maxResults', async () => {
    const board = createMemoryBlackboard({ maxResults: 1 });
    await board.saveResult(sampleResult('q-1'));
    await board.saveResult(sampleResult('q-2'));
    expect(await board.getResult('q-1')).toBeUndefined();
    expect(await board.getResult('q-2')).toBeDefined();
  });

  it('hands out frozen state so a caller cannot edit the shared copy', async () => {
    const board = createMemoryBlackboard();
    const conversation = await board.open('c-1', { customerId: 'A' });
    expect(Object.isFrozen(conversation.state)).toBe(true);
    expect(Object.isFrozen(conversation.state.triedAgents)).toBe(true);
  });

  it('reports a throwing listener without failing the write or starving other listeners', async () => {
    const failures: unknown[] = [];
    const board = createMemoryBlackboard({ onListenerError: (error) => failures.push(error) });
    await board.open('c-1', { customerId: 'A' });
    const heard: number[] = [];
    await board.subscribe('c-1', () => {
      throw new Error('listener broke');
    });
    await board.subscribe('c-1', (change) => heard.push(change.version));
    await board.append('c-1', { kind: 'message', by: 'customer', text: 'hi' });
    expect(heard).toEqual([1]);
    expect(failures).toEqual([expect.objectContaining({ message: 'listener broke' })]);
  });
});
