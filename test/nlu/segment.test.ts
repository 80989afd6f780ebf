import { describe, expect, it } from 'vitest';
import { segment } from '../../src/nlu/index.js';

describe('segment', () => {
  it('splits Czech at conjunction phrases, with or without diacritics', () => {
    expect(segment('Aplikace mi padá a navíc mi přišla platba stržená dvakrát.', 'cs')).toEqual([
      'Aplikace mi padá',
      'mi přišla platba stržená dvakrát',
    ]);
    expect(segment('aplikace mi pada a taky potrebuju kopii faktury', 'cs')).toEqual([
      'aplikace mi pada',
      'potrebuju kopii faktury',
    ]);
  });

  it('splits English at conjunctions and punctuation', () => {
    expect(segment("I can't log in; also I was charged twice", 'en')).toEqual([
      "I can't log in",
      'I was charged twice',
    ]);
    expect(segment('The app crashes and I want a refund', 'en')).toEqual([
      'The app crashes',
      'I want a refund',
    ]);
  });

  it('keeps a one-word clause with its neighbour and a single request whole', () => {
    expect(segment('password and login', 'en')).toEqual(['password and login']);
    expect(segment('Kdy mi přijde faktura za tento měsíc?', 'cs')).toEqual([
      'Kdy mi přijde faktura za tento měsíc?',
    ]);
  });

  it('keeps a dependent clause with the clause it qualifies, but cuts before a new one', () => {
    expect(segment('Dobrý den, aplikace mi padá pokaždé, když otevřu fakturu.', 'cs')).toEqual([
      'Dobrý den',
      'aplikace mi padá pokaždé, když otevřu fakturu',
    ]);
    expect(segment('nejde mi prihlaseni, protoze mi neprijde kod, a chci vratit penize', 'cs')).toEqual([
      'nejde mi prihlaseni, protoze mi neprijde kod',
      'chci vratit penize',
    ]);
    expect(segment("I can't log in, because the code never arrives, so I want a refund", 'en')).toEqual([
      "I can't log in, because the code never arrives",
      'I want a refund',
    ]);
  });

  it('does not split English on the Czech "a"', () => {
    expect(segment('I need a new invoice', 'en')).toEqual(['I need a new invoice']);
  });
});
