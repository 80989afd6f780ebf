import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UNSURE_BELOW } from '../actors/index.js';
import { openDesk, prepareDeskModel } from '../desk/index.js';
import {
  evaluateRouting,
  loadIntentModel,
  measureLatency,
  type LoadedIntentModel,
  readExamplesFile,
  type RoutingEvaluation,
  type SliceFigures,
} from '../nlu/index.js';
import { InvalidOptionsError } from '../runtime/index.js';
import { parseRate, pct, reportFailure, type CommandIo } from './command-io.js';

const EVAL_USAGE = `usage: swarmdesk eval (--model <model.json> | --desk <dir>) --data <file.csv|file.jsonl>... [options]

Reads labelled rows the model never trained on and prints how it routes them.

  --model <model.json>       a model written by swarmdesk train (departments from its catalog, or from
                             <model>.mapping.json beside it)
  --desk <dir>               the desk's own model, as the server loads it (trained into the cache
                             under SWARM_DATA_DIR when the desk changed: swarmdesk train --desk <dir>)
  --data <file>              labelled rows (CSV or JSONL, rows labelled oos are out of scope); repeatable
  --min-confidence <c>       below this the router is unsure: it asks which topic is meant, and hands a
                             second unsure message in a row to a person [${UNSURE_BELOW}]
  --confusions <n>           how many confusion pairs to list [10]
  --json                     print one JSON object instead of text
  -h, --help                 this text

Figures: top-1 accuracy (best intent right, no threshold) and accuracy after the threshold (right and
not rejected as out of scope), over in-scope rows; macro-F1 over every label; department accuracy (where
the router sends the message); the confusion pairs that cost most (across departments counts twice);
out-of-scope precision and recall; messages the router is unsure of (it asks which topic is meant)
although the right department was among the two best intents; latency per message.`;

/** `swarmdesk eval`: routing figures of a model on labelled rows, as text or one JSON object. */
export async function runEval(
  argv: string[],
  io: CommandIo,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        model: { type: 'string' },
        desk: { type: 'string' },
        data: { type: 'string', multiple: true },
        'min-confidence': { type: 'string' },
        confusions: { type: 'string', default: '10' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      io.out(EVAL_USAGE);
      return 0;
    }
    if ((values.model === undefined) === (values.desk === undefined) || !values.data)
      throw new InvalidOptionsError(`--data and one of --model or --desk are required\n${EVAL_USAGE}`);
    const confusions = Number(values.confusions);
    if (!Number.isInteger(confusions) || confusions < 0)
      throw new InvalidOptionsError(
        `--confusions must be a whole number, got ${JSON.stringify(values.confusions)}`,
      );
    const minConfidence =
      values['min-confidence'] === undefined
        ? UNSURE_BELOW
        : parseRate('--min-confidence', values['min-confidence']);
    const { model, departmentOf } = values.model
      ? loadIntentModel(values.model)
      : deskModel(values.desk as string, env);
    const examples = values.data.flatMap((file) => readExamplesFile(file));
    const result = evaluateRouting(model, examples, { departmentOf, minConfidence, confusions });
    const latency = measureLatency(
      model,
      examples.map((example) => example.text),
    );
    if (values.json) {
      io.out(JSON.stringify({ ...result, threshold: model.threshold, minConfidence, latency }));
      return 0;
    }
    for (const line of report(result, model.threshold, minConfidence)) io.out(line);
    io.out(
      `latency per message: p50 ${latency.p50Micros.toFixed(0)} µs, p99 ${latency.p99Micros.toFixed(0)} µs (CPU ${latency.cpuMeanMicros.toFixed(0)} µs mean)`,
    );
    return 0;
  } catch (error) {
    return reportFailure(error, io);
  }
}

function deskModel(dir: string, env: Record<string, string | undefined>): LoadedIntentModel {
  const { model } = prepareDeskModel(
    openDesk(dir).desk,
    join(env['SWARM_DATA_DIR'] ?? '.swarmdesk', 'models'),
  );
  return { model, departmentOf: (intent) => model.departmentOf(intent) };
}

function sliceLine(name: string, figures: SliceFigures, width: number): string {
  return (
    `  ${name.padEnd(width)} ${String(figures.n).padStart(5)}  top-1 ${pct(figures.topOneAccuracy).padStart(6)}` +
    `  after threshold ${pct(figures.accuracyAfterThreshold).padStart(6)}  department ${pct(figures.departmentAccuracy).padStart(6)}` +
    `  low confidence ${figures.lowConfidence} (${figures.lowConfidenceWithDepartmentInTopTwo} with the department in the top two)`
  );
}

function report(result: RoutingEvaluation, threshold: number, minConfidence: number): string[] {
  const lines = [
    `examples                              ${result.n} (${result.inScope.n} in scope, ${result.outOfScope} out of scope)`,
    `top-1 accuracy (in scope)             ${pct(result.inScope.topOneAccuracy)}`,
    `accuracy after threshold (in scope)   ${pct(result.inScope.accuracyAfterThreshold)} (out-of-scope threshold ${threshold.toFixed(3)})`,
    `accuracy (all rows, oos rejected)     ${pct(result.accuracy)}`,
    `macro-F1                              ${pct(result.macroF1)}`,
    `department accuracy (in scope)        ${pct(result.inScope.departmentAccuracy)}`,
  ];
  if (result.oosRecall !== undefined && result.oosPrecision !== undefined) {
    lines.push(`out-of-scope recall                   ${pct(result.oosRecall)}`);
    lines.push(`out-of-scope precision                ${pct(result.oosPrecision)}`);
  }
  lines.push(
    `unsure (asked which topic is meant)   ${result.inScope.lowConfidence} in scope (rejected, or department confidence < ${minConfidence}); ` +
      `${result.inScope.lowConfidenceWithDepartmentInTopTwo} of them with the right department in the top two`,
  );
  const width = Math.max(
    10,
    ...result.departments.map((d) => d.department.length),
    ...result.languages.map((l) => l.language.length),
  );
  lines.push('per department (in scope):');
  for (const row of result.departments) lines.push(sliceLine(row.department, row, width));
  if (result.languages.length > 0) {
    lines.push('per language (in scope):');
    for (const row of result.languages) lines.push(sliceLine(row.language, row, width));
  }
  if (result.confusions.length > 0) {
    lines.push('costliest confusions (truth -> predicted: count; across departments counts twice):');
    for (const pair of result.confusions)
      lines.push(
        `  ${pair.truth} -> ${pair.predicted}: ${pair.count}${pair.crossDepartment ? ' (other department)' : ''}`,
      );
  }
  return lines;
}
