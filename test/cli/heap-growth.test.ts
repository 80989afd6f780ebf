import { describe, expect, it } from 'vitest';
import { boundHeapGrowth } from '../../src/cli/heap-growth.js';

describe('boundHeapGrowth', () => {
  it('leaves a heap growth given to node on its command line as it is', () => {
    expect(boundHeapGrowth(['--heap-growing-percent=20'])).toBe(false);
    expect(boundHeapGrowth(['--max-old-space-size=512', '--heap_growing_percent=80'])).toBe(false);
  });

  it('bounds the growth when node was given none', () => {
    expect(boundHeapGrowth(['--enable-source-maps', '--max-old-space-size=512'])).toBe(true);
  });
});
