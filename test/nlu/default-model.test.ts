import { describe, expect, it } from 'vitest';
import {
  defaultModelSplit,
  departmentOf,
  intentCatalog,
  loadDefaultIntentModel,
} from '../../src/nlu/index.js';

describe('the default intent model', () => {
  it('classifies the router acceptance sentences, which are in no data file, by generalisation', () => {
    const model = loadDefaultIntentModel();
    expect(model.classify('Aplikace se mi stále zasekává při přihlášení')).toMatchObject({
      intent: 'login_problem',
    });
    expect(model.classify('Kdy mi přijde faktura za tento měsíc?')).toMatchObject({
      intent: 'invoice_request',
    });
    expect(model.classify('Jak mohu změnit své nastavení profilu?')).toMatchObject({
      intent: 'profile_settings',
    });
    expect(model.classify('Who won the Champions League final?')).toMatchObject({
      intent: 'oos',
      outOfScope: true,
    });
  });

  it('covers the catalog and maps intents to their departments', () => {
    const model = loadDefaultIntentModel();
    expect([...model.labels].sort()).toEqual(
      intentCatalog()
        .map((entry) => entry.intent)
        .sort(),
    );
    expect(departmentOf('double_charge')).toBe('billing');
    expect(departmentOf('legal_threat')).toBe('escalation');
    expect(departmentOf('oos')).toBeUndefined();
  });

  it('keeps its validation split apart from its training split', () => {
    const { train, validation } = defaultModelSplit();
    const trained = new Set(train.map((example) => example.text));
    expect(validation.length).toBeGreaterThan(0);
    expect(validation.some((example) => trained.has(example.text))).toBe(false);
  });
});
