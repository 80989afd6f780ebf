import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deskModelKey, deskTrainingData, prepareDeskModel } from '../../src/desk/index.js';
import { demoDesk, demoModel } from '../support/demo-desk.js';

describe("the demo desk's intent model", () => {
  it('classifies the router acceptance sentences, which are in no data file, by generalisation', () => {
    const { model } = demoModel();
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

  it("covers the desk's intents and maps them to their departments", () => {
    const { model } = demoModel();
    expect([...model.labels].filter((label) => label !== 'oos').sort()).toEqual(
      Object.keys(demoDesk().intents).sort(),
    );
    expect(model.departmentOf('double_charge')).toBe('billing');
    expect(model.departmentOf('legal_threat')).toBe('escalation');
    expect(model.departmentOf('oos')).toBeUndefined();
  });

  it('keeps its validation split apart from its training split', () => {
    const { train, validation } = demoModel();
    const trained = new Set(train.map((example) => example.text));
    expect(validation.length).toBeGreaterThan(0);
    expect(validation.some((example) => trained.has(example.text))).toBe(false);
  });
});

describe('the model cache', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('trains once per content and loads the same model after', () => {
    dir = mkdtempSync(join(tmpdir(), 'swarmdesk-cache-'));
    const first = prepareDeskModel(demoDesk(), dir);
    const second = prepareDeskModel(demoDesk(), dir);
    expect(first.trained).toBe(true);
    expect(second.trained).toBe(false);
    expect(second.file).toBe(first.file);
    expect(second.model.classify('I was charged twice').intent).toBe(
      first.model.classify('I was charged twice').intent,
    );
  });

  it('keeps the fit on the training rows alone beside the model, so a start from the cache trains nothing', () => {
    dir = mkdtempSync(join(tmpdir(), 'swarmdesk-cache-'));
    const first = prepareDeskModel(demoDesk(), dir);
    const second = prepareDeskModel(demoDesk(), dir);
    expect(first.heldOutFit).toBeDefined();
    expect(second.trained).toBe(false);
    expect(second.heldOutFit?.toJSON()).toEqual(first.heldOutFit?.toJSON());
    expect(second.heldOutFit?.toJSON()).not.toEqual(second.model.toJSON());
  });

  it('keys the model by the content, so an edited desk is retrained', () => {
    const data = deskTrainingData(demoDesk());
    const edited = { ...data, examples: [...data.examples, { text: 'where is my parcel', label: 'oos' }] };
    expect(deskModelKey(edited)).not.toBe(deskModelKey(data));
    expect(deskModelKey(deskTrainingData(demoDesk()))).toBe(deskModelKey(data));
  });
});
