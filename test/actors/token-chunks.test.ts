import { describe, expect, it } from 'vitest';
import { tokenChunks } from '../../src/actors/token-chunks.js';

describe('offline token chunks', () => {
  it('splits an answer into a few word-aligned chunks that join back to it', () => {
    const text = 'Dobrý den, k vašemu dotazu máme tento postup: aktualizujte aplikaci a zkuste to znovu.';
    const chunks = tokenChunks(text);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.length).toBeLessThanOrEqual(4);
    expect(chunks.join('')).toBe(text);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.endsWith(' ')).toBe(true);
  });

  it('streams nothing for an empty text and one chunk for a single word', () => {
    expect(tokenChunks('')).toEqual([]);
    expect(tokenChunks('Hello')).toEqual(['Hello']);
  });
});
