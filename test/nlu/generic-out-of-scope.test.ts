import { describe, expect, it } from 'vitest';
import { GENERIC_OUT_OF_SCOPE } from '../../src/nlu/index.js';

describe('GENERIC_OUT_OF_SCOPE', () => {
  it('holds distinct lower-case questions without end punctuation, like chat input', () => {
    expect(new Set(GENERIC_OUT_OF_SCOPE).size).toBe(GENERIC_OUT_OF_SCOPE.length);
    for (const text of GENERIC_OUT_OF_SCOPE) {
      expect(text, text).toBe(text.toLowerCase().trim());
      expect(text, text).toMatch(/[a-z0-9]$/);
    }
  });
});
