// Scenario 4: swarmdesk in LLM mode against a fake LLM that answers after a fixed delay, at 10 to 1000
// concurrent conversations, next to the old busy-flag design on the same fake in the same run. The
// swarm's own overhead is each answer's `timings.totalMs - timings.llmMs`: the time it spent on
// anything but waiting for the LLM.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runLoad } from '../lib/load.js';
import type { LoadResult } from '../lib/load-result.js';
import { MESSAGE_MIX } from '../lib/messages.js';
import { startService, type Service } from '../lib/process.js';
import { markdownTable, machineLine, progress, progressDone, type Row, writeResults } from '../lib/report.js';
import { median, medianRun, percentile } from '../lib/stats.js';
import { warmUntilSteady, type WarmUp } from '../lib/warm-up.js';
import { startFakeLlm, type FakeLlmService } from '../servers/fake-llm-service.js';
import { restartable, type Restartable } from '../servers/restartable.js';
import { startSwarmdeskWithLlm, SWARMDESK_CLI } from '../servers/swarmdesk-llm.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LEVELS = [10, 100, 500, 1000];
const LLM_DELAY_MS = Number(process.env.FAKE_LLM_DELAY_MS ?? 300);
/** The slow-model row: a model answering in a second, at the loads the acceptance names. */
const SLOW_MODEL = { delayMs: 1_000, levels: [500, 1000] };
/**
 * The one-second model again with each call's delay spread over half of it either side: closed-loop
 * clients of a fixed-delay model stay in step, every query of a level arriving in one burst, and a
 * real model's latency varies enough to spread them.
 */
const SPREAD_MODEL = { delayMs: 1_000, jitter: 0.5, levels: [500] };
/** Warm-up rounds: many conversations at once, so even the one-second model gives a round in seconds. */
const WARM_UP = { connections: 250, queries: 1_000 };

/**
 * The message mix under customer ids the CRM does not know: the demo customers asking the same things
 * over and over would be escalated as repeat contacts, answered without the LLM this sweep is about.
 */
const BODIES = MESSAGE_MIX.map(({ text }, i) => JSON.stringify({ customerId: `bench-${i}`, message: text }));

interface Server {
  name: string;
  process: Restartable;
  /** Its clients ask for the answer as an event stream (SSE), so the LLM's tokens are streamed through. */
  streaming: boolean;
  /** Set when a run failed even after a restart: the server takes no further runs. */
  failure?: string;
}

/** One load run with what the answers' own timings tell. */
interface Run {
  load: LoadResult;
  /** Server-side overhead per answered query: totalMs - llmMs. */
  overheadMs: { p50: number; p99: number };
  llmMs: { p50: number; p99: number };
  llmCallsPerQuery: number;
  /** Client p50 minus the LLM p50 the server reported: overhead seen from outside, HTTP included. */
  clientOverheadP50Ms: number;
  answered: number;
  /** Answered by escalation: the mix asks for a human in some messages, and a failed LLM call escalates too. */
  escalated: number;
  peakLlmInFlight: number;
}

export interface LevelSummary {
  /** The fake model's delay per call in this sweep. */
  modelDelayMs: number;
  /** The share of that delay each call's is spread over, either side (0: every call takes the same). */
  modelJitter: number;
  connections: number;
  amount: number;
  server: string;
  runs: number;
  median: Run;
  overheadP50Ms: number;
  overheadP99Ms: number;
}

function startBusyFlag(llm: FakeLlmService): Promise<Service> {
  return startService({
    command: process.execPath,
    args: [`${ROOT}bench/servers/busy-flag.mjs`],
    env: { OPENAI_BASE_URL: llm.baseURL, OPENAI_API_KEY: 'bench' },
  });
}

interface AnswerTimings {
  totalMs: number;
  llmMs: number;
  llmCalls: number;
  escalated: boolean;
}

/** The result of an SSE answer: the data of its `done` event. */
function resultOfStream(body: string): string | undefined {
  const done = body.split('\n\n').find((event) => event.startsWith('event: done'));
  const data = done?.split('\n').find((line) => line.startsWith('data: '));
  if (!data) return undefined;
  try {
    return JSON.stringify((JSON.parse(data.slice('data: '.length)) as { result?: unknown }).result);
  } catch {
    return undefined;
  }
}

function timingsOf(body: string): AnswerTimings | undefined {
  try {
    const parsed = JSON.parse(body) as {
      timings?: { totalMs?: unknown; llmMs?: unknown };
      usage?: { llmCalls?: unknown };
      escalated?: unknown;
    };
    const { totalMs, llmMs } = parsed.timings ?? {};
    if (typeof totalMs !== 'number' || typeof llmMs !== 'number') return undefined;
    const llmCalls = typeof parsed.usage?.llmCalls === 'number' ? parsed.usage.llmCalls : 1;
    return { totalMs, llmMs, llmCalls, escalated: parsed.escalated === true };
  } catch {
    return undefined;
  }
}

async function measure(
  service: Service,
  llm: FakeLlmService,
  connections: number,
  amount: number,
  streaming: boolean,
): Promise<Run> {
  const answers: AnswerTimings[] = [];
  await llm.stats();
  const load = await runLoad({
    url: service.url,
    connections,
    amount,
    timeoutSeconds: 60,
    pid: service.child.pid,
    requests: BODIES.map((body) => ({
      method: 'POST' as const,
      path: '/v1/queries',
      body,
      ...(streaming ? { headers: { accept: 'text/event-stream' } } : {}),
    })),
    onBody: (status, body) => {
      if (status !== 200) return;
      const result = streaming ? resultOfStream(body) : body;
      const timings = result === undefined ? undefined : timingsOf(result);
      if (timings) answers.push(timings);
    },
  });
  const overheads = answers.map((a) => a.totalMs - a.llmMs).sort((a, b) => a - b);
  const llmTimes = answers.map((a) => a.llmMs).sort((a, b) => a - b);
  const llmP50 = percentile(llmTimes, 50);
  return {
    load,
    overheadMs: { p50: percentile(overheads, 50), p99: percentile(overheads, 99) },
    llmMs: { p50: llmP50, p99: percentile(llmTimes, 99) },
    llmCallsPerQuery: median(answers.map((a) => a.llmCalls)),
    clientOverheadP50Ms: load.latencyMs.p50 - llmP50,
    answered: answers.length,
    escalated: answers.filter((a) => a.escalated).length,
    peakLlmInFlight: (await llm.stats()).peakInFlight,
  };
}

const fixed = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function summarise(
  model: Model,
  server: string,
  connections: number,
  amount: number,
  runs: Run[],
): LevelSummary {
  const picked = medianRun(runs.map((run) => ({ ...run, requestsPerSec: run.load.requestsPerSec })));
  return {
    modelDelayMs: model.delayMs,
    modelJitter: model.jitter,
    connections,
    amount,
    server,
    runs: runs.length,
    median: picked,
    overheadP50Ms: median(runs.map((run) => run.overheadMs.p50)),
    overheadP99Ms: median(runs.map((run) => run.overheadMs.p99)),
  };
}

function rowOf(level: LevelSummary): Row {
  const run = level.median;
  const parts = [`${run.answered}/${level.amount} answered`];
  // The baseline times only its LLM call, so it has no overhead of its own to report.
  if (level.server.startsWith('swarmdesk') && run.answered > 0) {
    parts.push(
      `${run.escalated} escalated`,
      `overhead p50 ${fixed(level.overheadP50Ms)} ms, p99 ${fixed(level.overheadP99Ms)} ms`,
      `LLM p50 ${fixed(run.llmMs.p50, 0)} ms over ${run.llmCallsPerQuery} calls`,
    );
    // Client latency covers every response; it compares with the LLM time only when all were answers.
    if (run.answered === run.load.requests)
      parts.push(`client p50 - LLM p50 ${fixed(run.clientOverheadP50Ms)} ms`);
  }
  parts.push(`peak LLM calls in flight ${run.peakLlmInFlight}`);
  return {
    scenario: '4 LLM latency',
    variant: `${level.server}, ${level.connections} conv, ${modelLabel({ delayMs: level.modelDelayMs, jitter: level.modelJitter })}`,
    result: run.load,
    note: parts.join('; '),
  };
}

interface Model {
  delayMs: number;
  jitter: number;
}

const modelLabel = (model: Model): string =>
  `${model.delayMs} ms${model.jitter > 0 ? ` ± ${Math.round(model.jitter * 100)}%` : ''} model`;

interface Sweep {
  levels: LevelSummary[];
  /** Per server: the CPU per query of each warm-up round. */
  warmUps: Record<string, WarmUp>;
  skipped: string[];
  failures: string[];
  restarts: string[];
}

/** One fake model delay: its own fake LLM and servers, every level, the servers interleaved per repeat. */
async function sweep(
  model: Model,
  connectionLevels: number[],
  repeats: number,
  perConnection: number,
): Promise<Sweep> {
  const llm = await startFakeLlm(model);
  const servers: Server[] = [];
  const skipped: string[] = [];
  const failures: string[] = [];
  const warmUps: Record<string, WarmUp> = {};
  try {
    if (existsSync(SWARMDESK_CLI)) {
      try {
        const swarmdesk = await restartable(() => startSwarmdeskWithLlm(llm));
        // One server, two kinds of client: a JSON answer asks the LLM for one whole completion, an SSE
        // client has its tokens streamed through the guard as they come.
        servers.push(
          { name: 'swarmdesk', process: swarmdesk, streaming: false },
          { name: 'swarmdesk, SSE clients', process: swarmdesk, streaming: true },
        );
      } catch (error) {
        skipped.push(`swarmdesk did not start: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else {
      skipped.push('swarmdesk: dist/cli/main.js missing (npm run build)');
    }
    servers.push({
      name: 'busy-flag baseline',
      process: await restartable(() => startBusyFlag(llm)),
      streaming: false,
    });
    for (const server of servers) {
      progress(
        `LLM latency (${modelLabel(model)}): warming up ${server.name} until its CPU per query settles`,
      );
      warmUps[server.name] = await warmUntilSteady(async () => {
        const round = await server.process.run('warm-up', (service) =>
          measure(service, llm, WARM_UP.connections, WARM_UP.queries, server.streaming),
        );
        return round.load.cpuMsPerRequest;
      });
    }
    const levels: LevelSummary[] = [];
    for (const connections of connectionLevels) {
      const amount = Math.max(20, perConnection * connections);
      const runs = new Map<string, Run[]>(servers.map((s) => [s.name, []]));
      for (let repeat = 1; repeat <= repeats; repeat++) {
        // Interleaved, so a noisy second on this shared machine hits both designs alike.
        for (const server of servers) {
          if (server.failure) continue;
          progress(
            `LLM latency (${modelLabel(model)}): ${server.name}, ${connections} conversations, run ${repeat}/${repeats}`,
          );
          const label = `${modelLabel(model)}, ${connections} conversations, run ${repeat}`;
          try {
            runs
              .get(server.name)!
              .push(
                await server.process.run(label, (service) =>
                  measure(service, llm, connections, amount, server.streaming),
                ),
              );
          } catch (error) {
            server.failure = `${label}: ${error instanceof Error ? error.message : String(error)}`;
            failures.push(`${server.name}: ${server.failure}`);
            progressDone(`LLM latency: ${server.name} failed at ${server.failure}`);
          }
        }
      }
      for (const server of servers) {
        const done = runs.get(server.name)!;
        if (done.length > 0) levels.push(summarise(model, server.name, connections, amount, done));
      }
    }
    return {
      levels,
      warmUps,
      skipped,
      failures,
      restarts: servers.flatMap((server) =>
        server.process.restarts.map((line) => `${server.name}, ${modelLabel(model)}, ${line}`),
      ),
    };
  } finally {
    await Promise.all([...new Set(servers.map((server) => server.process))].map((shared) => shared.stop()));
    await llm.stop();
  }
}

const errorsOf = (level: LevelSummary | undefined): number =>
  level ? level.median.load.errors + level.median.load.timeouts + level.median.load.non2xx : Number.NaN;

/** The issue's acceptance for the one-second model at 500 conversations, and errors at 1000. */
function slowModelGoals(levels: LevelSummary[], failures: string[]) {
  const find = (server: string, connections: number) =>
    levels.find(
      (l) =>
        l.modelDelayMs === SLOW_MODEL.delayMs &&
        l.modelJitter === 0 &&
        l.server === server &&
        l.connections === connections,
    );
  const json = find('swarmdesk', 500);
  const sse = find('swarmdesk, SSE clients', 500);
  if (!json || !sse) return null;
  // The model time per query: what the answers say they waited for the LLM (every call of the query).
  const modelMs = json.median.llmMs.p50;
  const jsonOverhead = json.median.clientOverheadP50Ms;
  const sseOverhead = sse.median.clientOverheadP50Ms;
  const at1000 = [find('swarmdesk', 1000), find('swarmdesk, SSE clients', 1000)];
  return {
    modelMsPerQuery: modelMs,
    jsonOverheadP50Ms: jsonOverhead,
    jsonP99ToModel: json.median.load.latencyMs.p99 / modelMs,
    sseOverheadP50Ms: sseOverhead,
    overheadP50At500Under20Ms: jsonOverhead <= 20,
    p99At500Within2xModel: json.median.load.latencyMs.p99 <= 2 * modelMs,
    sseWithin2xJson: sseOverhead <= 2 * Math.max(jsonOverhead, 1),
    zeroErrorsAt1000:
      failures.every((failure) => !failure.includes(`${SLOW_MODEL.delayMs} ms model`)) &&
      at1000.every((level) => errorsOf(level) === 0),
  };
}

/** The one-second model with its delay spread: the same overhead figures, for JSON and SSE clients. */
function spreadModelFigures(levels: LevelSummary[]) {
  const find = (server: string) =>
    levels.find(
      (l) =>
        l.modelDelayMs === SPREAD_MODEL.delayMs &&
        l.modelJitter === SPREAD_MODEL.jitter &&
        l.server === server &&
        l.connections === SPREAD_MODEL.levels[0],
    );
  const json = find('swarmdesk');
  const sse = find('swarmdesk, SSE clients');
  if (!json || !sse) return null;
  return {
    model: modelLabel(SPREAD_MODEL),
    connections: SPREAD_MODEL.levels[0],
    jsonServerOverheadP50Ms: json.overheadP50Ms,
    jsonOverheadP50Ms: json.median.clientOverheadP50Ms,
    jsonP99ToModel: json.median.load.latencyMs.p99 / json.median.llmMs.p50,
    sseServerOverheadP50Ms: sse.overheadP50Ms,
    sseOverheadP50Ms: sse.median.clientOverheadP50Ms,
  };
}

export async function llmLatencyScenario(profile: {
  full: boolean;
  /** Concurrency levels to sweep with the default model; default 10, 100, 500 and 1000. */
  levels?: number[];
  /** Leave out the one-second model's rows. */
  skipSlowModel?: boolean;
}): Promise<{ rows: Row[]; extra: Record<string, unknown> }> {
  const repeats = profile.full ? 5 : 3;
  // Each request is answered within the server's query budget (30 s, then escalation answers), so a run
  // lasts at most `perConnection` budgets however slow the server is.
  const perConnection = profile.full ? 5 : 2;
  const sweeps = [
    await sweep({ delayMs: LLM_DELAY_MS, jitter: 0 }, profile.levels ?? LEVELS, repeats, perConnection),
  ];
  if (!profile.skipSlowModel) {
    sweeps.push(
      await sweep({ delayMs: SLOW_MODEL.delayMs, jitter: 0 }, SLOW_MODEL.levels, repeats, perConnection),
      await sweep(SPREAD_MODEL, SPREAD_MODEL.levels, repeats, perConnection),
    );
  }
  const levels = sweeps.flatMap((s) => s.levels);
  const skipped = [...new Set(sweeps.flatMap((s) => s.skipped))];
  const failures = sweeps.flatMap((s) => s.failures);
  const ours = (connections: number) =>
    levels.find(
      (l) =>
        l.modelDelayMs === LLM_DELAY_MS &&
        l.modelJitter === 0 &&
        l.server === 'swarmdesk' &&
        l.connections === connections,
    );
  const at500 = ours(500);
  const at1000 = ours(1000);
  const goals =
    at500 && at1000
      ? {
          zeroErrorsAt1000:
            failures.every((failure) => !failure.startsWith(`swarmdesk: ${LLM_DELAY_MS} ms model`)) &&
            errorsOf(at1000) === 0,
          overheadP50At500Under5Ms: at500.overheadP50Ms < 5,
          overheadP99At500Under50Ms: at500.overheadP99Ms < 50,
        }
      : null;
  progressDone(
    `LLM latency sweep: ${levels.length} results` +
      `${skipped.length ? ` (skipped ${skipped.join('; ')})` : ''}${failures.length ? ` (failed: ${failures.join('; ')})` : ''}`,
  );
  return {
    rows: levels.map(rowOf),
    extra: {
      llmDelayMs: LLM_DELAY_MS,
      slowModelDelayMs: profile.skipSlowModel ? null : SLOW_MODEL.delayMs,
      repeats,
      perConnection,
      levels,
      warmUps: sweeps.map((s) => s.warmUps),
      goals,
      slowModelGoals: slowModelGoals(levels, failures),
      spreadModel: spreadModelFigures(levels),
      skipped,
      failures,
      restarts: sweeps.flatMap((s) => s.restarts),
    },
  };
}

async function main(): Promise<void> {
  const full = process.argv.includes('--full');
  try {
    progress('building (npm run build)');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  } catch {
    progressDone('build failed: the sweep runs without swarmdesk unless an older dist/ is there');
  }
  const levels = process.argv
    .find((arg) => arg.startsWith('--levels='))
    ?.slice('--levels='.length)
    .split(',')
    .map(Number);
  const skipSlowModel = process.argv.includes('--no-slow-model');
  const { rows, extra } = await llmLatencyScenario({ full, skipSlowModel, ...(levels ? { levels } : {}) });
  const markdown = [
    `# LLM latency sweep (${full ? 'full' : 'quick'} profile)`,
    '',
    `Machine: ${machineLine()}. Fake LLM delay ${LLM_DELAY_MS} ms (and ${SLOW_MODEL.delayMs} ms at ${SLOW_MODEL.levels.join(' and ')} conversations, then ${modelLabel(SPREAD_MODEL)} at ${SPREAD_MODEL.levels.join(' and ')}, unless --no-slow-model), 20 tokens when streamed (SSE clients); JSON clients get one whole completion. Median run of ${String(extra.repeats)} per row; overhead = totalMs - llmMs of each answer, p50/p99 medians over the runs.`,
    '',
    markdownTable(rows),
    '',
    `Goals: ${JSON.stringify(extra.goals)}`,
    '',
    `One-second model: ${JSON.stringify(extra.slowModelGoals)}`,
    '',
    `One-second model, delay spread: ${JSON.stringify(extra.spreadModel)}`,
    ...(Array.isArray(extra.failures) && extra.failures.length > 0
      ? ['', `Failed: ${extra.failures.join('; ')}`]
      : []),
    ...(Array.isArray(extra.restarts) && extra.restarts.length > 0
      ? ['', `Restarted: ${extra.restarts.join('; ')}`]
      : []),
  ].join('\n');
  const path = writeResults('llm-latency', { machine: machineLine(), ...extra, rows }, markdown);
  process.stdout.write(`${markdown}\n\nWritten to ${path}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    progressDone(`LLM latency failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
