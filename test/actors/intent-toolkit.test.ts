import { describe, expect, it } from 'vitest';
import { createIntentToolkit } from '../../src/actors/intent-toolkit.js';
import { demoModel, demoProfile } from '../support/demo-desk.js';

const MESSAGE = 'I was charged twice for my subscription this month';

describe('intent toolkit', () => {
  it('classifies a message once per thread and desk, for every router that asks', () => {
    const source = { intentModelPath: demoModel().file };
    const desk = demoProfile();
    const first = createIntentToolkit(source, desk, () => undefined);
    const second = createIntentToolkit(source, desk, () => undefined);
    const parts = first.classifyMessage(MESSAGE, 'en');
    expect(second.classifyMessage(MESSAGE, 'en')).toBe(parts);
    // Another desk (its own clarify flags) on the same model does not read the first desk's answers.
    const other = createIntentToolkit(source, demoProfile(), () => undefined);
    expect(other.classifyMessage(MESSAGE, 'en')).not.toBe(parts);
    expect(other.classifyMessage(MESSAGE, 'en')).toEqual(parts);
  });

  it('starts a new memo when a learned model replaces the shipped one', () => {
    const source = { intentModelPath: demoModel().file };
    const desk = demoProfile();
    const shared: { model?: unknown } = {};
    const toolkit = createIntentToolkit(source, desk, () => shared.model);
    const shipped = toolkit.classifyMessage(MESSAGE, 'en');
    shared.model = demoModel().model.toJSON();
    const relearned = toolkit.classifyMessage(MESSAGE, 'en');
    expect(relearned).not.toBe(shipped);
    expect(relearned.map((part) => part.intent)).toEqual(shipped.map((part) => part.intent));
  });
});
