import { describe, expect, it } from 'vitest';
import { scoreCues } from '../../src/actors/cues.js';
import { priorityFor } from '../../src/actors/priority.js';

import { demoProfile } from '../support/demo-desk.js';

const desk = demoProfile();
const priority = (text: string, intent = 'login_problem', plan?: 'Basic' | 'Premium' | 'Business') =>
  priorityFor({ cues: scoreCues(text), start: desk.intents[intent]?.priority, reasons: [], plan });

describe('priority', () => {
  it('starts problems at medium and questions at low, as the desk says of each intent', () => {
    expect(priority('I cannot log in')).toBe('medium');
    expect(priority('What are your opening hours?', 'opening_hours')).toBe('low');
  });

  it('raises the priority for urgency cues, with or without Czech diacritics', () => {
    expect(priority('I cannot log in, it is urgent, please fix it immediately')).toBe('urgent');
    expect(priority('Nemůžu se přihlásit, potřebuji to okamžitě')).toBe('high');
    expect(priority('Nemuzu se prihlasit, potrebuji to okamzite')).toBe('high');
  });

  it('gives a Premium customer one step up and nobody else', () => {
    expect(priority('I cannot log in', 'login_problem', 'Premium')).toBe('high');
    expect(priority('I cannot log in', 'login_problem', 'Basic')).toBe('medium');
    expect(
      priority('I cannot log in, it is urgent, please fix it immediately', 'login_problem', 'Premium'),
    ).toBe('urgent');
  });

  it('puts anger and legal threats at high at least', () => {
    const cues = scoreCues('I want a human');
    expect(priorityFor({ cues, reasons: ['anger'], plan: undefined })).toBe('high');
  });

  it('takes nothing from the router’s confidence: an unsure handover is an ordinary problem', () => {
    const cues = scoreCues('something about my thing');
    expect(priorityFor({ cues, reasons: ['low_confidence'], plan: undefined })).toBe('medium');
  });

  it('reads shouting and negative words as sentiment', () => {
    const cues = scoreCues('THIS IS TERRIBLE, NOTHING WORKS AGAIN');
    expect(cues.shouting).toBe(true);
    expect(cues.negative).toBeGreaterThanOrEqual(3);
  });

  it('counts letters with diacritics and outside ASCII when it reads shouting', () => {
    expect(scoreCues('ŘÍKÁM VÁM TO UŽ POTŘETÍ!').shouting).toBe(true);
    expect(scoreCues('ŘÍKÁM vám to už potřetí, je to úplně špatně').shouting).toBe(false);
    expect(scoreCues('ΑΥΤΟ ΔΕΝ ΛΕΙΤΟΥΡΓΕΙ ΚΑΘΟΛΟΥ').shouting).toBe(true);
    // Eight capitals but under 12 letters in all: too short to be shouting.
    expect(scoreCues('OK OK OK, OK?').shouting).toBe(false);
  });

  it('finds "again" in Czech as a whole word only', () => {
    expect(scoreCues('Aplikace se zase zasekává').recurring).toBeGreaterThan(0);
    expect(scoreCues('Aplikace se zasekává').recurring).toBe(0);
  });
});
