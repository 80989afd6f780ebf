import { parseArgs } from 'node:util';
import { createDesk } from '../desk/index.js';
import { loadConfig } from '../config/index.js';
import type { QueryResult } from '../domain/query.js';
import { createLogger, toActorLogger } from '../http/index.js';
import { reportFailure, type CommandIo } from './command-io.js';

export const ASK_USAGE = 'usage: swarmdesk ask "<message>" --customer <id> [--conversation <id>] [--json]';

function readable(result: QueryResult): string[] {
  const confidence = `${Math.round(result.confidence * 100)}%`;
  const lines = [
    `${result.department} · ${result.intent} · ${confidence} · priority ${result.priority} · answered by ${result.assignedAgent}`,
    '',
    result.response,
    '',
  ];
  if (result.handoffs.length > 0) {
    lines.push(`handoffs: ${result.handoffs.map((h) => `${h.from} → ${h.to} (${h.reason})`).join(', ')}`);
  }
  if (result.escalated)
    lines.push(`escalated to a human${result.ticketId ? `: ticket ${result.ticketId}` : ''}`);
  lines.push(
    `query ${result.queryId} · conversation ${result.conversationId} · ${Math.round(result.timings.totalMs)} ms`,
  );
  return lines;
}

/**
 * `swarmdesk ask`: a first try without curl. Builds a desk in-process from the environment (offline
 * when nothing is set, one worker thread unless SWARM_THREADS says otherwise), asks, prints, closes.
 */
export async function runAsk(
  argv: string[],
  io: CommandIo,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        customer: { type: 'string' },
        conversation: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.out(ASK_USAGE);
      return 0;
    }
    const message = positionals.join(' ').trim();
    if (!message || !values.customer) {
      io.err(`${!message ? 'a message is required' : '--customer is required'}\n${ASK_USAGE}`);
      return 2;
    }
    const config = loadConfig(env);
    // Logs go to stderr (fd 2) so stdout holds only the answer, and only warnings unless asked for more.
    const logger = createLogger({ level: env.LOG_LEVEL ?? 'warn', destination: 'stderr' });
    const desk = await createDesk(
      { ...config.desk, threads: config.desk.threads ?? 1 },
      { logger: toActorLogger(logger) },
    );
    try {
      const result = await desk.submit({
        customerId: values.customer,
        message,
        channel: 'cli',
        ...(values.conversation ? { conversationId: values.conversation } : {}),
      });
      if (values.json) io.out(JSON.stringify(result, null, 2));
      else for (const line of readable(result)) io.out(line);
      return 0;
    } finally {
      await desk.close();
    }
  } catch (error) {
    return reportFailure(error, io);
  }
}
