import { describe, expect, it } from 'vitest';
import { foldText, tokenize } from '../../src/nlu/index.js';

describe('foldText', () => {
  it('folds Czech diacritics and case so typed-without-diacritics text matches', () => {
    expect(foldText('Přihlášení NEFUNGUJE, žluťoučký kůň')).toBe('prihlaseni nefunguje, zlutoucky kun');
    expect(foldText('ĚŠČŘŽÝÁÍÉŮÚŤĎŇ')).toBe('escrzyaieuutdn');
  });
});

describe('tokenize', () => {
  it('splits on non-letters, folds, and maps digits to zero', () => {
    expect(tokenize('Chyba E-403 při platbě 1 299 Kč!')).toEqual([
      'chyba',
      'e',
      '000',
      'pri',
      'platbe',
      '0',
      '000',
      'kc',
    ]);
  });
});
