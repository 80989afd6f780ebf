import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelInvalidError, loadIntentModel, mappingPathBeside } from '../../src/nlu/index.js';
import { toyModel } from './toy-data.js';

let dir: string;
let modelFile: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'swarmdesk-user-model-'));
  modelFile = join(dir, 'model.json');
  writeFileSync(modelFile, JSON.stringify(toyModel().model.toJSON()));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadIntentModel', () => {
  it('takes departments from the model catalog when there is no mapping', () => {
    const { model, departmentOf } = loadIntentModel(modelFile);
    expect(model.classify('please refund my payment').intent).toBe('refund_request');
    expect(departmentOf('login_problem')).toBe('technical');
  });

  it('prefers a mapping beside the model, and an explicit mapping over that', () => {
    writeFileSync(mappingPathBeside(modelFile), JSON.stringify({ labels: { login_problem: 'escalation' } }));
    expect(loadIntentModel(modelFile).departmentOf('login_problem')).toBe('escalation');
    expect(loadIntentModel(modelFile).departmentOf('refund_request')).toBe('general');
    expect(loadIntentModel(modelFile).departmentOf('oos')).toBeUndefined();

    const explicit = join(dir, 'labels.json');
    writeFileSync(explicit, JSON.stringify({ labels: {}, default: 'billing' }));
    expect(loadIntentModel(modelFile, explicit).departmentOf('login_problem')).toBe('billing');
  });

  it('names the file of a model or mapping that does not parse', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"kind":"swarmdesk-intent-model"}');
    expect(() => loadIntentModel(broken)).toThrow(ModelInvalidError);
    expect(() => loadIntentModel(broken)).toThrow(/broken\.json/);
    const badMapping = join(dir, 'bad-mapping.json');
    writeFileSync(badMapping, JSON.stringify({ labels: { login_problem: 'Sales Team' } }));
    expect(() => loadIntentModel(modelFile, badMapping)).toThrow(/bad-mapping\.json/);
  });
});
