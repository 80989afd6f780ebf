import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runEval } from '../../src/cli/eval.js';
import { runTrain } from '../../src/cli/train.js';
import { loadIntentModel } from '../../src/nlu/index.js';
import { TOY_EXAMPLES_FILE } from '../nlu/toy-data.js';

let dir: string;
let out: string[];
let err: string[];
const io = {
  out: (s: string) => out.push(s),
  err: (s: string) => err.push(s),
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'swarmdesk-cli-'));
  out = [];
  err = [];
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('swarmdesk train and eval', () => {
  it('trains a model file that eval reads, printing one JSON object with --json', async () => {
    const model = join(dir, 'model.json');
    const mapping = join(dir, 'labels.json');
    writeFileSync(mapping, JSON.stringify({ labels: { refund_request: 'billing' }, default: 'general' }));

    expect(await runTrain(['--data', TOY_EXAMPLES_FILE, '--out', model, '--mapping', mapping], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out.join('\n')).toMatch(/trained on \d+ examples, 3 intents/);
    expect(loadIntentModel(model).departmentOf('refund_request')).toBe('billing');
    expect(loadIntentModel(model).departmentOf('login_problem')).toBe('general');

    out = [];
    expect(await runEval(['--model', model, '--data', TOY_EXAMPLES_FILE, '--json'], io)).toBe(0);
    expect(out).toHaveLength(1);
    const report = JSON.parse(out[0] as string);
    expect(report).toMatchObject({ n: 60 });
    for (const key of ['accuracy', 'macroF1', 'oosRecall', 'oosPrecision']) {
      expect(report[key]).toBeGreaterThanOrEqual(0);
      expect(report[key]).toBeLessThanOrEqual(1);
    }
    expect(Array.isArray(report.worst)).toBe(true);
  });

  it('prints accuracy, macro-F1 and out-of-scope figures as text', async () => {
    const model = join(dir, 'model.json');
    await runTrain(['--data', TOY_EXAMPLES_FILE, '--out', model], io);
    out = [];
    expect(await runEval(['--model', model, '--data', TOY_EXAMPLES_FILE], io)).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/accuracy\s+\d+\.\d%/);
    expect(text).toMatch(/macro-F1\s+\d+\.\d%/);
    expect(text).toMatch(/out-of-scope recall\s+\d+\.\d%/);
  });

  it('reports bad data as an error naming the line, with exit code 1', async () => {
    const data = join(dir, 'bad.csv');
    writeFileSync(data, 'text,label\nhello,a\n,b\n');
    expect(await runTrain(['--data', data, '--out', join(dir, 'm.json')], io)).toBe(1);
    expect(err.join('\n')).toMatch(/DATASET_INVALID: .*bad\.csv:3: empty text/);
  });

  it('reports missing options as a usage error, with exit code 2', async () => {
    expect(await runEval(['--model', 'x.json'], io)).toBe(2);
    expect(await runTrain(['--bogus'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/INVALID_OPTIONS/);
  });
});
