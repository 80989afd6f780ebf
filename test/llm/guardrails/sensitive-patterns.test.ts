import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailsIn } from '../../../src/llm/guardrails/sensitive-patterns.js';

/** The e-mail pattern run over the whole text: what `emailsIn` must find, faster. */
const wholeTextScan = (text: string): string[] =>
  [...text.matchAll(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu)].map((match) =>
    match[0].toLowerCase(),
  );

// Characters an address is made of and the ones that end it, astral letters and lone surrogates too.
const PIECES = [
  'a',
  'Z',
  'ž',
  'Č',
  '7',
  '.',
  '-',
  '_',
  '%',
  '+',
  '@',
  '@',
  ' ',
  ',',
  '(',
  '\n',
  '𝒜',
  '\uD835',
  '\uDC9C',
  'com',
  'cz',
];

describe('emailsIn', () => {
  it('finds what the pattern finds over the whole text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        expect(emailsIn(text)).toEqual(wholeTextScan(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('finds the addresses of a support article, lower-cased, and none in a text without an @', () => {
    const article =
      'Write to Billing@swarmdesk.example or support@swarmdesk.example (jana.nováková@příklad.cz, a@b@c.com).';
    expect(emailsIn(article)).toEqual([
      'billing@swarmdesk.example',
      'support@swarmdesk.example',
      'jana.nováková@příklad.cz',
      'b@c.com',
    ]);
    expect(emailsIn('No address here, only text.')).toEqual([]);
  });
});
