import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  JsonlCorrectionStore,
  Learner,
  createInlineTrainer,
  createPiscinaTrainer,
  intentModelFromJSON,
  type LearnerOptions,
} from '../../src/nlu/index.js';
import { toyData, toyModel } from './toy-data.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'swarmdesk-learner-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function learnerOptions(overrides: Partial<LearnerOptions> = {}): LearnerOptions {
  const { catalog } = toyData();
  const { model, train, validation } = toyModel();
  return {
    store: new JsonlCorrectionStore({ dataDir: dir }),
    trainer: createInlineTrainer(),
    examples: train,
    validation,
    trainOptions: { catalog },
    model,
    ...overrides,
  };
}

// Misrouted by the toy model before the correction (asserted below, so the test cannot pass vacuously).
const MISROUTED = 'the cashier at the store billed me for nothing';

describe('Learner', () => {
  it('applies a good correction so the same message routes right, and keeps it after a restart', async () => {
    const learner = await Learner.create(learnerOptions());
    expect(learner.model.classify(MISROUTED).intent).not.toBe('refund_request');

    const result = await learner.addCorrection({ text: MISROUTED, intent: 'refund_request', language: 'en' });

    expect(result).toMatchObject({ applied: true, routesRight: true });
    expect(learner.model.classify(MISROUTED).intent).toBe('refund_request');
    if (!result.applied) throw new Error('unreachable');
    expect(intentModelFromJSON(result.model).classify(MISROUTED).intent).toBe('refund_request');
    expect(readFileSync(join(dir, 'corrections.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);

    const restarted = await Learner.create(
      learnerOptions({ store: new JsonlCorrectionStore({ dataDir: dir }) }),
    );
    expect(restarted.corrections).toHaveLength(1);
    expect(restarted.model.classify(MISROUTED).intent).toBe('refund_request');
  });

  it('catches up with corrections another learner accepted on the same store, once', async () => {
    const here = await Learner.create(learnerOptions());
    const elsewhere = await Learner.create(learnerOptions());
    expect(await here.catchUp()).toBe(false);

    await elsewhere.addCorrection({ text: MISROUTED, intent: 'refund_request', language: 'en' });
    expect(here.model.classify(MISROUTED).intent).not.toBe('refund_request');

    expect(await here.catchUp()).toBe(true);
    expect(here.corrections).toHaveLength(1);
    expect(here.model.classify(MISROUTED).intent).toBe('refund_request');
    expect(await here.catchUp()).toBe(false);
  });

  it('refuses a correction that lowers validation accuracy by more than a point, and does not store it', async () => {
    const learner = await Learner.create(learnerOptions());
    const before = learner.model;
    const openingHours = toyData().examples.filter((e) => e.label === 'opening_hours');
    const poisoned = openingHours.map((e) => e.text).join(' ');

    const result = await learner.addCorrection({ text: poisoned, intent: 'refund_request' });

    expect(result.applied).toBe(false);
    if (result.applied) throw new Error('unreachable');
    expect(result.reason).toMatch(/validation accuracy would drop/);
    expect((result.previousAccuracy ?? 0) - (result.validationAccuracy ?? 1)).toBeGreaterThan(0.01);
    expect(learner.model).toBe(before);
    expect(await new JsonlCorrectionStore({ dataDir: dir }).list()).toEqual([]);
  });

  it('refuses an intent the model does not know', async () => {
    const learner = await Learner.create(learnerOptions());
    await expect(learner.addCorrection({ text: 'hello', intent: 'no_such_intent' })).resolves.toMatchObject({
      applied: false,
      reason: 'unknown intent no_such_intent',
    });
  });

  it('retrains on a piscina thread', async () => {
    const trainer = createPiscinaTrainer();
    try {
      const learner = await Learner.create(learnerOptions({ trainer }));
      const result = await learner.addCorrection({ text: MISROUTED, intent: 'refund_request' });
      expect(result).toMatchObject({ applied: true, routesRight: true });
    } finally {
      await trainer.close();
    }
  });

  it('does not replay a stored correction to an intent the examples no longer have (the desk changed)', async () => {
    const store = new JsonlCorrectionStore({ dataDir: dir });
    await store.append({ text: 'where is my parcel', intent: 'where_is_my_order', language: 'en' });
    const learner = await Learner.create(learnerOptions({ store }));
    expect(learner.model.labels).not.toContain('where_is_my_order');
    expect(learner.model).toBe(toyModel().model);
  });
});
