import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from '../../src/nlu/phrase-matcher.js';

/** What the matcher must answer: each phrase the text includes, by its index. */
const includedIn = (phrases: readonly string[], text: string): number[] =>
  phrases.flatMap((phrase, index) => (text.includes(phrase) ? [index] : []));

// Few letters, so phrases overlap, nest and share prefixes and suffixes; a lone surrogate among them.
const piece = fc.constantFrom('a', 'b', 'ab', 'ba', ' ', 'ž', '𝒜', '\uD835');
const textOf = (maxLength: number) => fc.array(piece, { maxLength }).map((pieces) => pieces.join(''));

describe('PhraseMatcher', () => {
  it('finds each phrase the text includes, once, and no other', () => {
    fc.assert(
      fc.property(
        fc.array(textOf(4), { maxLength: 12 }),
        fc.array(textOf(40), { maxLength: 5 }),
        (phrases, texts) => {
          const matcher = new PhraseMatcher(phrases);
          for (const text of texts) {
            expect(matcher.found(text).sort((x, y) => x - y)).toEqual(includedIn(phrases, text));
          }
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('finds a phrase inside another and one that ends where a longer one fails', () => {
    const matcher = new PhraseMatcher(['nepomohl', 'nepomohlo', 'pomoh', 'ohlas', 'again']);
    expect(matcher.found('to nepomohlo').sort()).toEqual([0, 1, 2]);
    expect(matcher.found('nepomohlas')).toContain(3);
  });
});
