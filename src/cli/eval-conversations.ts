import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDesk } from '../desk/index.js';
import { loadConfig } from '../config/index.js';
import { createLogger, toActorLogger } from '../http/index.js';
import { InvalidOptionsError } from '../runtime/index.js';
import { readConversationSuite, runConversationSuite, type SuiteReport } from './conversation-suite.js';
import { pct, reportFailure, type CommandIo } from './command-io.js';

const EVAL_CONVERSATIONS_USAGE = 'usage: swarmdesk eval --conversations <suite.jsonl> [--json] [--failures]';
const SHOWN_FAILURES = 20;

const share = (value: number | null): string => (value === null ? 'n/a' : pct(value));

function readable(report: SuiteReport, all: boolean): string[] {
  const lines = [
    `conversations     ${report.conversations} (${report.turns} turns)`,
    `ticket precision  ${share(report.ticketPrecision)}`,
    `ticket recall     ${share(report.ticketRecall)}`,
    `duplicate rate    ${pct(report.duplicateRate)}`,
    `language accuracy ${share(report.languageAccuracy)}`,
    `resolution rate   ${pct(report.resolutionRate)}`,
    `routing accuracy  ${share(report.routingAccuracy)}`,
    `failed checks     ${report.failures.length}`,
  ];
  const shown = all ? report.failures : report.failures.slice(0, SHOWN_FAILURES);
  for (const f of shown) {
    lines.push(
      `  ${f.conversation}#${f.turn} ${f.field}: expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)} (${JSON.stringify(f.message)})`,
    );
  }
  if (shown.length < report.failures.length) lines.push(`  ... (--failures lists all)`);
  return lines;
}

/**
 * `swarmdesk eval --conversations <file>`: runs a desk owner's conversations through an in-process
 * desk (configured from the environment, with its own memory stores) and prints ticket precision and
 * recall, duplicate rate, language accuracy and resolution rate; `--json` prints one object.
 */
export async function runConversationEval(
  argv: string[],
  io: CommandIo,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        conversations: { type: 'string' },
        json: { type: 'boolean', default: false },
        failures: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      io.out(EVAL_CONVERSATIONS_USAGE);
      return 0;
    }
    if (!values.conversations)
      throw new InvalidOptionsError(`--conversations is required\n${EVAL_CONVERSATIONS_USAGE}`);
    const suite = readConversationSuite(values.conversations);
    const config = loadConfig(env);
    const logger = createLogger({ level: env.LOG_LEVEL ?? 'warn', destination: 'stderr' });
    // The suite's tickets and contacts must not land in the desk's real stores: memory only.
    const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-eval-'));
    const { redisUrl: _ignored, ...desk } = config.desk;
    const running = await createDesk(
      { ...desk, threads: desk.threads ?? 1, dataDir },
      { logger: toActorLogger(logger) },
    );
    try {
      const report = await runConversationSuite(running, suite);
      if (values.json) io.out(JSON.stringify(report));
      else for (const line of readable(report, values.failures)) io.out(line);
      return 0;
    } finally {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  } catch (error) {
    return reportFailure(error, io);
  }
}
