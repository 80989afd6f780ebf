import { describe, expect, it } from 'vitest';
import { LanguageModel } from '../../src/nlu/language-model.js';
import { demoModel } from '../support/demo-desk.js';

function detectLanguage(text: string) {
  return demoModel().model.detectLanguage(text) ?? { language: 'other', confidence: 0 };
}

function expectLanguage(texts: readonly string[], language: 'cs' | 'en'): void {
  for (const text of texts) expect(detectLanguage(text).language, text).toBe(language);
}

describe('detectLanguage', () => {
  it('recognises short Czech typed without diacritics', () => {
    expectLanguage(
      ['nefunguje mi prihlaseni', 'chci vratit penize', 'kdy prijde faktura', 'zapomnel jsem heslo'],
      'cs',
    );
  });

  it('recognises short English', () => {
    expectLanguage(
      ['login does not work', 'I want a refund', 'where is my invoice', 'forgot my password'],
      'en',
    );
  });

  it('takes Czech-only letters as Czech and other scripts or foreign letters as other', () => {
    expect(detectLanguage('účet')).toMatchObject({ language: 'cs' });
    expect(detectLanguage('Не могу войти в аккаунт')).toMatchObject({ language: 'other' });
    expect(detectLanguage('Ich möchte mein Geld zurück')).toMatchObject({ language: 'other' });
    expect(detectLanguage('12345 !!!')).toMatchObject({ language: 'other' });
  });

  it('reads an English sentence around a Czech name or a price in Kč as English', () => {
    expectLanguage(
      [
        'Why was I charged 499 Kč when my plan is 299?',
        "Hi, I'm Tomáš Dvořák and I can't log in to my account",
      ],
      'en',
    );
  });

  it('keeps short Czech with a Czech letter Czech, however English its other words look', () => {
    expectLanguage(
      ['Zaplatil jsem 499 Kč dvakrát', 'Dobrý den, Tomáš Dvořák', 'Přeji hezký den, thanks'],
      'cs',
    );
  });

  it('reports a confidence between 0.5 and 1 for a supported language', () => {
    const guess = detectLanguage('kdy mate otevreno');
    expect(guess.confidence).toBeGreaterThanOrEqual(0.5);
    expect(guess.confidence).toBeLessThanOrEqual(1);
  });

  it('scores a message the same whether its words were met before or not', () => {
    const json = demoModel().model.toJSON().language;
    if (!json) throw new Error('the demo model has a language model');
    const messages = ['Nefunguje mi přihlášení do aplikace', 'my invoice shows the wrong company address'];
    const cold = messages.map((text) => new LanguageModel(json).guess(text));
    const warm = new LanguageModel(json);
    warm.guess('prihlaseni aplikace faktura invoice address company wrong shows');
    expect(messages.map((text) => warm.guess(text))).toEqual(cold);
  });
});
