import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  LabelMapping,
  mappingPathBeside,
  ModelInvalidError,
  readCatalogFile,
  readExamplesFile,
  requireTrainable,
  trainWithRecipe,
  type IntentCatalog,
  type SourcedExample,
} from '../nlu/index.js';
import { InvalidOptionsError } from '../runtime/index.js';
import { parseRate, reportFailure, type CommandIo } from './command-io.js';

const TRAIN_USAGE = `usage: swarmdesk train --data <file.csv|file.jsonl>... --out <model.json> [options]
       swarmdesk train --desk <dir> [--out <model.json>]   (a desk's model, the same recipe)

Trains an intent model as the project does for its benchmarks: fits on the data, calibrates and chooses
the out-of-scope threshold on held-out rows (--val, else 15% of every label), then refits on every row.

  --data <file>              labelled rows: CSV with text,label (or category) or JSONL {"text","label"};
                             repeat for several files; rows labelled oos are out of scope
  --out <model.json>         where to write the model (for SWARM_INTENT_MODEL or swarmdesk eval)
  --val <file>               held-out rows for calibration and the threshold, refit on afterwards
  --catalog <catalog.json>   intents with their departments ({ "intents": [{ intent, department, ... }] })
  --mapping <labels.json>    departments as { "labels": { "<label>": "<department>" }, "default"? }
  --generic-oos              also learn from the project's generic out-of-scope questions (trivia,
                             weather, sport...): out-of-scope evidence when the data has none
  --target-oos-recall <r>    out-of-scope recall to secure (0.6, 60 or 60%), at 95% confidence
  --target-accuracy <a>      in-scope accuracy to keep after the threshold, at 95% confidence
                             without a target: the most out-of-scope recall for at most 1 point of
                             in-scope accuracy; without out-of-scope rows: no threshold
  --json                     print one JSON object instead of text
  -h, --help                 this text`;

/** `swarmdesk train`: the recipe of `trainWithRecipe`, from files, written as model JSON. */
export async function runTrain(argv: string[], io: CommandIo): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string', multiple: true },
        out: { type: 'string' },
        val: { type: 'string', multiple: true },
        catalog: { type: 'string' },
        mapping: { type: 'string' },
        'generic-oos': { type: 'boolean', default: false },
        'target-oos-recall': { type: 'string' },
        'target-accuracy': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      io.out(TRAIN_USAGE);
      return 0;
    }
    if (!values.data || !values.out)
      throw new InvalidOptionsError(`--data and --out are required\n${TRAIN_USAGE}`);
    if (values.catalog && values.mapping)
      throw new InvalidOptionsError('--catalog and --mapping exclude each other');
    const started = performance.now();
    const cpu = process.cpuUsage();
    const examples = readAll(values.data);
    const validation = values.val ? readAll(values.val) : undefined;
    const recall = values['target-oos-recall'];
    const accuracy = values['target-accuracy'];
    const catalog = values.catalog
      ? readCatalogFile(values.catalog)
      : values.mapping
        ? catalogFromMapping(
            values.mapping,
            examples.map((e) => e.label),
          )
        : undefined;
    const result = trainWithRecipe(examples, {
      ...(validation ? { validation } : {}),
      ...(catalog ? { catalog } : {}),
      genericOos: values['generic-oos'],
      targets: {
        ...(recall === undefined ? {} : { oosRecall: parseRate('--target-oos-recall', recall) }),
        ...(accuracy === undefined ? {} : { accuracy: parseRate('--target-accuracy', accuracy) }),
      },
    });
    writeFileSync(values.out, JSON.stringify(result.model.toJSON()));
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const point = result.operatingPoint;
    if (values.json) {
      io.out(
        JSON.stringify({
          trainedOn: result.trainedOn,
          heldOut: result.heldOut,
          intents: result.model.labels.length,
          seconds,
          cpuSeconds,
          threshold: point.threshold,
          rule: point.rule,
          reason: point.reason,
          heldOutFigures: point.heldOut,
          out: values.out,
        }),
      );
      return 0;
    }
    io.out(
      `trained on ${result.trainedOn} examples, ${result.model.labels.length} intents, in ${seconds.toFixed(1)} s (CPU ${cpuSeconds.toFixed(1)} s) ` +
        `(calibrated on ${result.heldOut} held-out rows, then refit on all)`,
    );
    io.out(`operating point: out-of-scope threshold ${point.threshold.toFixed(3)}`);
    io.out(`  why: ${point.reason}`);
    io.out(`model written to ${values.out}`);
    // Without departments every intent routes to the default one, which a served model then does
    // silently: say so, and how to give them.
    if (!catalog)
      io.out(
        `departments: none given, so every intent routes to ${result.model.catalog.intents[0]?.department ?? 'general'}; ` +
          `write { "labels": { "<intent>": "<department>" } } to ${mappingPathBeside(values.out)} ` +
          '(read beside the model when it is served), or train again with --mapping or --catalog',
      );
    return 0;
  } catch (error) {
    return reportFailure(error, io);
  }
}

function readAll(files: readonly string[]): SourcedExample[] {
  const rows: SourcedExample[] = [];
  for (const file of files) {
    const read = readExamplesFile(file);
    if (files.length === 1) requireTrainable(file, read);
    rows.push(...read);
  }
  if (files.length > 1) requireTrainable(files.join(' + '), rows);
  return rows;
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
