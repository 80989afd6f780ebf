import { describe, expect, it } from 'vitest';
import { copyData } from '../../src/blackboard/copy-data.js';

describe('copyData', () => {
  it('copies plain data deeply, sharing nothing with the original', () => {
    const original = { a: 1, list: [{ b: 'x' }, null, true], nested: { deeper: { c: [1, 2] } } };
    const copy = copyData(original);
    expect(copy).toEqual(original);
    expect(copy).not.toBe(original);
    expect(copy.list).not.toBe(original.list);
    expect(copy.list[0]).not.toBe(original.list[0]);
    expect(copy.nested.deeper.c).not.toBe(original.nested.deeper.c);
  });

  it('keeps Dates, Maps and other non-plain objects as structuredClone copies them', () => {
    const at = new Date('2026-01-02T03:04:05Z');
    const copy = copyData({ at, seen: new Map([['k', 1]]) });
    expect(copy.at).toBeInstanceOf(Date);
    expect(copy.at).not.toBe(at);
    expect(copy.at.getTime()).toBe(at.getTime());
    expect(copy.seen).toBeInstanceOf(Map);
    expect(copy.seen.get('k')).toBe(1);
  });

  it('copies a cyclic value instead of recursing forever', () => {
    const node: { name: string; self?: unknown } = { name: 'loop' };
    node.self = node;
    let copy: typeof node = copyData(node);
    for (let hop = 0; hop < 100; hop++) copy = copy.self as typeof node;
    expect(copy.name).toBe('loop');
    expect(copy).not.toBe(node);
  });

  it('keeps objects without a prototype prototype-free', () => {
    const bare = Object.assign(Object.create(null) as Record<string, number>, { n: 1 });
    const copy = copyData(bare);
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(copy.n).toBe(1);
  });

  it('returns primitives as they are', () => {
    expect(copyData('text')).toBe('text');
    expect(copyData(3)).toBe(3);
    expect(copyData(undefined)).toBeUndefined();
  });
});
