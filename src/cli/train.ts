import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  LabelMapping,
  ModelInvalidError,
  readExamplesFile,
  requireTrainable,
  trainIntentModel,
  type IntentCatalog,
} from '../nlu/index.js';
import { InvalidOptionsError, SwarmError } from '../runtime/index.js';

export interface CommandIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const USAGE =
  'usage: swarmdesk train --data <file.csv|file.jsonl> --out <model.json> [--val <file>] [--mapping <labels.json>]';

/**
 * `swarmdesk train`: trains a model from a CSV (`text,label` or `text,category`) or JSONL file and
 * writes it as JSON for `SWARM_INTENT_MODEL`. `--val` tunes the out-of-scope threshold (rows labelled
 * `oos` are out of scope); without it 15% of every label is held out. `--mapping` embeds departments.
 */
export async function runTrain(argv: string[], io: CommandIo): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' },
        out: { type: 'string' },
        val: { type: 'string' },
        mapping: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (!values.data || !values.out) throw new InvalidOptionsError(`--data and --out are required\n${USAGE}`);
    const started = performance.now();
    const examples = readExamplesFile(values.data);
    requireTrainable(values.data, examples);
    const validation = values.val ? readExamplesFile(values.val) : undefined;
    const catalog = values.mapping
      ? catalogFromMapping(
          values.mapping,
          examples.map((e) => e.label),
        )
      : undefined;
    const { model, train } = trainIntentModel(examples, {
      ...(validation ? { validation } : {}),
      ...(catalog ? { catalog } : {}),
    });
    writeFileSync(values.out, JSON.stringify(model.toJSON()));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const figures = model.validation;
    io.out(`trained on ${train.length} examples, ${model.labels.length} intents, in ${seconds} s`);
    if (figures) {
      const recall = figures.oosRecall === undefined ? '' : `, out-of-scope recall ${pct(figures.oosRecall)}`;
      io.out(`validation (${figures.n} examples): accuracy ${pct(figures.accuracy)}${recall}`);
    }
    io.out(`out-of-scope threshold ${model.threshold.toFixed(3)}; model written to ${values.out}`);
    return 0;
  } catch (error) {
    return reportFailure(error, io);
  }
}

function catalogFromMapping(file: string, labels: readonly string[]): IntentCatalog {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ModelInvalidError('cannot read the label mapping as JSON', { file, cause: error });
  }
  const parsed = LabelMapping.safeParse(json);
  if (!parsed.success)
    throw new ModelInvalidError('expected { "labels": { "<label>": "<department>" }, "default"? }', { file });
  const mapping = parsed.data;
  const intents = [...new Set(labels)].filter((label) => label !== 'oos').sort();
  return {
    schemaVersion: 1,
    intents: intents.map((intent) => ({
      intent,
      department: mapping.labels[intent] ?? mapping.default,
      description: intent,
      descriptionCs: intent,
    })),
  };
}

export function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

export function reportFailure(error: unknown, io: CommandIo): number {
  if (error instanceof SwarmError) {
    io.err(`error ${error.code}: ${error.message}`);
    return error instanceof InvalidOptionsError ? 2 : 1;
  }
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    io.err(`error INVALID_OPTIONS: ${error.message}`);
    return 2;
  }
  throw error;
}
