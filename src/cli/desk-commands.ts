import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem, initDesk, inspectDesk, openDesk, prepareDeskModel } from '../desk/index.js';
import { InvalidOptionsError } from '../runtime/index.js';
import { reportFailure, type CommandIo } from './command-io.js';

export const INIT_USAGE = 'usage: swarmdesk init <dir>';
export const CHECK_USAGE = 'usage: swarmdesk check [<dir>]   (default: SWARM_DESK, else the demo desk)';
const TRAIN_DESK_USAGE =
  'usage: swarmdesk train --desk <dir> [--out <model.json>] [--json]   (default: the cache under SWARM_DATA_DIR)';

function helpWanted(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** `swarmdesk init <dir>`: writes a desk to start from and says what to do next. */
export function runInit(argv: string[], io: CommandIo): number {
  if (helpWanted(argv)) {
    io.out(INIT_USAGE);
    return 0;
  }
  try {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
    const [dir] = positionals;
    if (dir === undefined || positionals.length > 1)
      throw new InvalidOptionsError(`one folder is required\n${INIT_USAGE}`);
    for (const file of initDesk(dir)) io.out(`wrote ${file}`);
    io.out(`next: swarmdesk check ${dir}, then SWARM_DESK=${dir} swarmdesk serve (docs/desk.md)`);
    return 0;
  } catch (error) {
    return reportFailure(error, io);
  }
}

/** `swarmdesk check [<dir>]`: every problem of the desk with its file and line; exit 1 on errors. */
export function runCheck(
  argv: string[],
  io: CommandIo,
  env: Record<string, string | undefined> = process.env,
): number {
  if (helpWanted(argv)) {
    io.out(CHECK_USAGE);
    return 0;
  }
  try {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
    if (positionals.length > 1) throw new InvalidOptionsError(`at most one folder\n${CHECK_USAGE}`);
    const dir = positionals[0] ?? env['SWARM_DESK'] ?? 'demo';
    const { desk, problems } = inspectDesk(dir);
    for (const problem of problems) (problem.severity === 'error' ? io.err : io.out)(formatProblem(problem));
    const errors = problems.filter((problem) => problem.severity === 'error').length;
    const warnings = problems.length - errors;
    if (errors > 0) {
      io.err(`${errors} error(s), ${warnings} warning(s): the desk cannot be served`);
      return 1;
    }
    const intents = Object.keys(desk?.intents ?? {}).length;
    const departments = Object.keys(desk?.departments ?? {}).length;
    io.out(
      `${desk?.name ?? dir}: ${departments} departments, ${intents} intents, ${desk?.languages.join(', ')}; ` +
        `${warnings} warning(s), no errors`,
    );
    return 0;
  } catch (error) {
    return reportFailure(error, io);
  }
}

/** `swarmdesk train --desk <dir>`: the desk's model into the cache the server reads (or `--out`). */
export function runTrainDesk(
  argv: string[],
  io: CommandIo,
  env: Record<string, string | undefined> = process.env,
): number {
  if (helpWanted(argv)) {
    io.out(TRAIN_DESK_USAGE);
    return 0;
  }
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        desk: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (!values.desk) throw new InvalidOptionsError(`--desk is required\n${TRAIN_DESK_USAGE}`);
    const { desk } = openDesk(values.desk);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const model = prepareDeskModel(desk, join(env['SWARM_DATA_DIR'] ?? '.swarmdesk', 'models'));
    const used = process.cpuUsage(cpu);
    const examples = model.train.length + model.validation.length;
    if (values.out) writeFileSync(values.out, JSON.stringify(model.model.toJSON()));
    if (values.json) {
      const point = model.operatingPoint;
      io.out(
        JSON.stringify({
          trained: model.trained,
          trainedOn: examples,
          heldOut: model.validation.length,
          intents: model.model.labels.length,
          seconds: (performance.now() - started) / 1000,
          cpuSeconds: (used.user + used.system) / 1e6,
          threshold: model.model.threshold,
          ...(point ? { rule: point.rule, reason: point.reason, heldOutFigures: point.heldOut } : {}),
          out: values.out ?? model.file,
        }),
      );
      return 0;
    }
    io.out(
      model.trained
        ? `trained ${desk.name} on ${examples} examples, ${model.model.labels.length} labels, in ${(model.trainMs / 1000).toFixed(1)} s`
        : `${desk.name}: unchanged since its model was trained; using ${model.file}`,
    );
    if (model.operatingPoint) {
      io.out(`operating point: out-of-scope threshold ${model.operatingPoint.threshold.toFixed(3)}`);
      io.out(`  why: ${model.operatingPoint.reason}`);
    }
    if (values.out) {
      io.out(`model written to ${values.out}`);
    } else {
      io.out(`model cached at ${model.file}; the server loads it for this desk`);
    }
    return 0;
  } catch (error) {
    return reportFailure(error, io);
  }
}
