import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    expect(out.join('\n')).toMatch(/trained on 60 examples, 3 intents/);
    expect(out.join('\n')).toMatch(/operating point: out-of-scope threshold \d\.\d{3}\n {2}why: default: /);
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
    expect(report.inScope).toMatchObject({ n: 48 });
    expect(report.inScope.topOneAccuracy).toBeGreaterThanOrEqual(report.inScope.accuracyAfterThreshold);
    expect(report.departments.map((d: { department: string }) => d.department)).toEqual([
      'billing',
      'general',
    ]);
    expect(Array.isArray(report.confusions)).toBe(true);
    expect(report.latency.p50Micros).toBeGreaterThanOrEqual(0);
  });

  it('prints accuracy, macro-F1 and out-of-scope figures as text', async () => {
    const model = join(dir, 'model.json');
    await runTrain(['--data', TOY_EXAMPLES_FILE, '--out', model], io);
    // Trained without departments: it says where they go and how to give them.
    expect(out.at(-1)).toBe(
      `departments: none given, so every intent routes to general; write { "labels": { "<intent>": "<department>" } } ` +
        `to ${join(dir, 'model.mapping.json')} (read beside the model when it is served), or train again with --mapping or --catalog`,
    );
    out = [];
    expect(await runEval(['--model', model, '--data', TOY_EXAMPLES_FILE], io)).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/top-1 accuracy \(in scope\)\s+\d+\.\d%/);
    expect(text).toMatch(/accuracy after threshold \(in scope\)\s+\d+\.\d%/);
    expect(text).toMatch(/macro-F1\s+\d+\.\d%/);
    expect(text).toMatch(/out-of-scope recall\s+\d+\.\d%/);
    expect(text).toMatch(/out-of-scope precision\s+\d+\.\d%/);
    expect(text).toMatch(/per department \(in scope\):\n {2}general/);
    expect(text).toMatch(/per language \(in scope\):/);
    expect(text).toMatch(/latency per message: p50 \d+ µs, p99 \d+ µs/);
  });

  it('sets no out-of-scope threshold when the data has no out-of-scope rows, and says why', async () => {
    const data = join(dir, 'in-scope.jsonl');
    writeFileSync(
      data,
      readFileSync(TOY_EXAMPLES_FILE, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.includes('"oos"'))
        .join('\n'),
    );
    const model = join(dir, 'model.json');
    expect(await runTrain(['--data', data, '--out', model], io)).toBe(0);
    expect(out.join('\n')).toMatch(/threshold 0\.000\n {2}why: no out-of-scope rows to tune on/);
    expect(loadIntentModel(model).model.threshold).toBe(0);
  });

  it('chooses the operating point from the targets the user names', async () => {
    const model = join(dir, 'model.json');
    const argv = ['--data', TOY_EXAMPLES_FILE, '--out', model, '--target-oos-recall', '60%', '--json'];
    expect(await runTrain(argv, io)).toBe(0);
    expect(JSON.parse(out[0] as string)).toMatchObject({ rule: 'target-oos-recall', trainedOn: 60 });
    expect(
      await runTrain(['--data', TOY_EXAMPLES_FILE, '--out', model, '--target-accuracy', '150'], io),
    ).toBe(2);
    expect(err.join('\n')).toMatch(/--target-accuracy must be a rate/);
  });

  it('prints usage for --help and exits 0', async () => {
    expect(await runTrain(['--help'], io)).toBe(0);
    expect(await runEval(['-h'], io)).toBe(0);
    expect(out.join('\n')).toMatch(
      /usage: swarmdesk train[\s\S]*--target-oos-recall[\s\S]*usage: swarmdesk eval/,
    );
    expect(err).toEqual([]);
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
