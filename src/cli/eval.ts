import { parseArgs } from 'node:util';
import { evaluateClassifier, loadIntentModel, readExamplesFile } from '../nlu/index.js';
import { InvalidOptionsError } from '../runtime/index.js';
import { pct, reportFailure, type CommandIo } from './train.js';

const USAGE = 'usage: swarmdesk eval --model <model.json> --data <file.csv|file.jsonl> [--json]';
const WORST = 10;

/**
 * `swarmdesk eval`: accuracy, macro-F1, the ten intents with the most errors, and (when the data has
 * `oos` rows) out-of-scope recall and precision. `--json` prints one object for scripts.
 */
export async function runEval(argv: string[], io: CommandIo): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        model: { type: 'string' },
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (!values.model || !values.data)
      throw new InvalidOptionsError(`--model and --data are required\n${USAGE}`);
    const { model } = loadIntentModel(values.model);
    const examples = readExamplesFile(values.data);
    const result = evaluateClassifier(model, examples);
    const worst = result.perIntent.filter((row) => row.errors > 0).slice(0, WORST);
    if (values.json) {
      io.out(
        JSON.stringify({
          n: result.n,
          accuracy: result.accuracy,
          inScopeAccuracy: result.inScopeAccuracy,
          macroF1: result.macroF1,
          oosRecall: result.oosRecall ?? null,
          oosPrecision: result.oosPrecision ?? null,
          worst,
        }),
      );
      return 0;
    }
    io.out(`examples   ${result.n}`);
    io.out(`accuracy   ${pct(result.accuracy)}`);
    io.out(`macro-F1   ${pct(result.macroF1)}`);
    if (result.oosRecall !== undefined && result.oosPrecision !== undefined) {
      io.out(`in-scope accuracy     ${pct(result.inScopeAccuracy)}`);
      io.out(`out-of-scope recall    ${pct(result.oosRecall)}`);
      io.out(`out-of-scope precision ${pct(result.oosPrecision)}`);
    }
    if (worst.length > 0) {
      io.out('most errors (intent: errors/support, most often taken for):');
      for (const row of worst) {
        const confused = row.confusedWith
          .slice(0, 2)
          .map((c) => `${c.intent} ×${c.count}`)
          .join(', ');
        io.out(`  ${row.intent}: ${row.errors}/${row.support} (${confused})`);
      }
    }
    return 0;
  } catch (error) {
    return reportFailure(error, io);
  }
}
