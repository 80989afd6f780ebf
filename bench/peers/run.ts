// Scenario 6, `npm run bench:peers`: the same "triage, hand off to billing, answer" conversation on the
// OpenAI Agents SDK and on LangGraph.js, each against a hand-written flow on the bare `openai` client
// doing the same two LLM calls, in the same run and against the same fake LLM; swarmdesk's own CPU per
// query in LLM mode beside them. Each framework runs in a process of its own (runner.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runLoad } from '../lib/load.js';
import type { LoadResult } from '../lib/load-result.js';
import { startService, type Service } from '../lib/process.js';
import { machineLine, progress, progressDone, writeResults } from '../lib/report.js';
import { median } from '../lib/stats.js';
import { warmUntilSteady, type WarmUp } from '../lib/warm-up.js';
import { startFakeLlm } from '../servers/fake-llm-service.js';
import { restartable, type Restartable } from '../servers/restartable.js';
import { startSwarmdeskWithLlm, SWARMDESK_CLI } from '../servers/swarmdesk-llm.js';
import { QUESTION } from './flows/prompts.js';
import { FlowName, RunnerResult } from './protocol.js';

const HERE = fileURLToPath(new URL('./', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REQUIRED = [
  'openai',
  '@openai/agents',
  '@langchain/langgraph',
  '@langchain/langgraph-swarm',
  '@langchain/openai',
];
const CONCURRENCIES = [1, 50] as const;
const RUNNER_TIMEOUT_MS = 300_000;
const LLM_DELAY_MS = Number(process.env.PEERS_LLM_DELAY_MS ?? 20);

const full = process.argv.includes('--full');
const profile = full
  ? { repeats: 5, queries: { 1: 300, 50: 2000 } }
  : { repeats: 3, queries: { 1: 100, 50: 500 } };
/** Queries per warm-up round, 50 in flight; rounds go on until the CPU per query settles. */
const WARM_UP_ROUND = 500;

const children = new Set<ChildProcess>();

interface FlowRun extends RunnerResult {
  repeat: number;
  llmCallsPerQuery: number;
}

/** Runs one framework in its own process and reads the JSON line it prints. */
function runFlow(flow: FlowName, baseURL: string, concurrency: 1 | 50): Promise<RunnerResult> {
  const args = [flow, baseURL, concurrency, profile.queries[concurrency], WARM_UP_ROUND].map(String);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${HERE}runner.ts`, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: RUNNER_TIMEOUT_MS,
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      children.delete(child);
      const line = stdout.trim().split('\n').at(-1) ?? '';
      const parsed = code === 0 ? RunnerResult.safeParse(safeJson(line)) : undefined;
      if (parsed?.success) resolve(parsed.data);
      else reject(new Error(`${flow} runner ended with ${signal ?? code}: ${stderr.trim() || line}`));
    });
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function firstError(runs: FlowRun[]): string {
  const found = runs.find((r) => r.firstError)?.firstError;
  return found ? ` First error: ${found}` : '';
}

const NOTES: Partial<Record<FlowName, string>> = {
  'swarmdesk in process':
    'createDesk (src/actors) in LLM mode, worker threads included; routes locally and answers each part of the message with the LLM.',
};

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface ServerRun {
  load: LoadResult;
  llmCallsPerQuery: number;
}

async function loadSwarmdesk(service: Service, concurrency: 1 | 50, amount: number): Promise<ServerRun> {
  const calls: number[] = [];
  const load = await runLoad({
    url: service.url,
    connections: concurrency,
    amount,
    pid: service.child.pid,
    // A customer the CRM does not know: a known one asking the same again and again is escalated as a
    // repeat contact, answered without the LLM.
    requests: [
      {
        method: 'POST',
        path: '/v1/queries',
        body: JSON.stringify({ customerId: 'bench-peers', message: QUESTION }),
      },
    ],
    onBody: (status, body) => {
      const usage =
        status === 200
          ? (safeJson(body) as { usage?: { llmCalls?: unknown } } | undefined)?.usage
          : undefined;
      if (typeof usage?.llmCalls === 'number') calls.push(usage.llmCalls);
    },
  });
  return { load, llmCallsPerQuery: median(calls) };
}

function loadFloor(service: Service, concurrency: 1 | 50, amount: number): Promise<LoadResult> {
  return runLoad({
    url: service.url,
    connections: concurrency,
    amount,
    pid: service.child.pid,
    requests: [{ path: '/hello' }],
  });
}

const fixed = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);

interface PeerRow {
  framework: string;
  concurrency: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerQuery: number;
  overheadP50Ms: number | null;
  overheadCpuMsPerQuery: number | null;
  llmCallsPerQuery: number;
  errors: number;
  peakRssMb: number;
  note: string;
}

function markdown(rows: PeerRow[]): string {
  const header =
    '| framework | conversations in flight | req/s | p50 ms | p99 ms | CPU ms/query | overhead p50 ms | overhead CPU ms/query | LLM calls/query | errors | peak RSS MB | note |\n' +
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|';
  const lines = rows.map((r) =>
    [
      r.framework,
      String(r.concurrency),
      fixed(r.requestsPerSec, 0),
      fixed(r.p50Ms),
      fixed(r.p99Ms),
      fixed(r.cpuMsPerQuery, 2),
      fixed(r.overheadP50Ms, 2),
      fixed(r.overheadCpuMsPerQuery, 2),
      fixed(r.llmCallsPerQuery, 1),
      String(r.errors),
      fixed(r.peakRssMb, 0),
      r.note,
    ].join(' | '),
  );
  return [header, ...lines.map((line) => `| ${line} |`)].join('\n');
}

function flowRows(runs: Map<string, FlowRun[]>): PeerRow[] {
  const rows: PeerRow[] = [];
  for (const concurrency of CONCURRENCIES) {
    const bare = runs.get(`bare openai client@${concurrency}`) ?? [];
    for (const flow of FlowName.options) {
      const own = runs.get(`${flow}@${concurrency}`) ?? [];
      if (own.length === 0) continue;
      const isBare = flow === 'bare openai client';
      // Differences are taken repeat by repeat, against the bare flow measured next to it; CPU per LLM
      // call of the bare client is taken off as often as the flow called the LLM.
      const paired = own.flatMap((run) => {
        const reference = bare.find((b) => b.repeat === run.repeat);
        return reference ? [{ run, bare: reference }] : [];
      });
      rows.push({
        framework: flow,
        concurrency,
        requestsPerSec: median(own.map((r) => r.requestsPerSec)),
        p50Ms: median(own.map((r) => r.latencyMs.p50 ?? Number.NaN)),
        p99Ms: median(own.map((r) => r.latencyMs.p99 ?? Number.NaN)),
        cpuMsPerQuery: median(own.map((r) => r.cpuMsPerQuery)),
        overheadP50Ms: isBare
          ? null
          : median(
              paired.map((p) => (p.run.latencyMs.p50 ?? Number.NaN) - (p.bare.latencyMs.p50 ?? Number.NaN)),
            ),
        overheadCpuMsPerQuery: isBare
          ? null
          : median(
              paired.map(
                (p) =>
                  p.run.cpuMsPerQuery -
                  p.run.llmCallsPerQuery * (p.bare.cpuMsPerQuery / p.bare.llmCallsPerQuery),
              ),
            ),
        llmCallsPerQuery: median(own.map((r) => r.llmCallsPerQuery)),
        errors: own.reduce((sum, r) => sum + r.errors, 0),
        peakRssMb: Math.max(...own.map((r) => r.peakRssMb)),
        note: isBare ? 'the reference: same two calls by hand' : (NOTES[flow] ?? '') + firstError(own),
      });
    }
  }
  return rows;
}

function swarmdeskRows(runs: Map<number, ServerRun[]>, floor: Map<number, LoadResult[]>): PeerRow[] {
  return CONCURRENCIES.flatMap((concurrency) => {
    const own = runs.get(concurrency) ?? [];
    if (own.length === 0) return [];
    const floorCpu = median((floor.get(concurrency) ?? []).map((r) => r.cpuMsPerRequest ?? Number.NaN));
    const cpu = median(own.map((r) => r.load.cpuMsPerRequest ?? Number.NaN));
    return [
      {
        framework: 'swarmdesk (server process)',
        concurrency,
        requestsPerSec: median(own.map((r) => r.load.requestsPerSec)),
        p50Ms: median(own.map((r) => r.load.latencyMs.p50)),
        p99Ms: median(own.map((r) => r.load.latencyMs.p99)),
        cpuMsPerQuery: cpu,
        overheadP50Ms: null,
        overheadCpuMsPerQuery: null,
        llmCallsPerQuery: median(own.map((r) => r.llmCallsPerQuery)),
        errors: own.reduce((sum, r) => sum + r.load.errors + r.load.timeouts + r.load.non2xx, 0),
        peakRssMb: Math.max(...own.map((r) => r.load.peakRssMb ?? 0)),
        note:
          `whole server process incl. HTTP edge and its own LLM client; ` +
          `minus the Hono hello floor (${fixed(floorCpu, 2)} ms/req): ${fixed(cpu - floorCpu, 2)} ms`,
      },
    ];
  });
}

async function main(): Promise<void> {
  const missing = REQUIRED.filter((name) => !existsSync(`${HERE}node_modules/${name}/package.json`));
  if (missing.length > 0) {
    process.stderr.write(`run npm install in bench/peers first (missing: ${missing.join(', ')})\n`);
    process.exitCode = 1;
    return;
  }
  const llm = await startFakeLlm({ delayMs: LLM_DELAY_MS });
  const services: Restartable[] = [];
  const skipped: string[] = [];
  try {
    let swarmdesk: Restartable | undefined;
    let hello: Restartable | undefined;
    if (existsSync(SWARMDESK_CLI)) {
      try {
        swarmdesk = await restartable(() => startSwarmdeskWithLlm(llm));
        services.push(swarmdesk);
        hello = await restartable(() =>
          startService({ command: process.execPath, args: [`${ROOT}bench/servers/hello.mjs`] }),
        );
        services.push(hello);
      } catch (error) {
        skipped.push(`swarmdesk did not start: ${errorText(error)}`);
      }
    } else {
      skipped.push('swarmdesk: dist/cli/main.js missing (npm run build)');
    }
    const flowRuns = new Map<string, FlowRun[]>();
    const failures: string[] = [];
    const serverRuns = new Map<number, ServerRun[]>();
    const swarmdeskWarmUps: WarmUp[] = [];
    const warmSwarmdesk = async (server: Restartable): Promise<void> => {
      progress('peers: warming swarmdesk up until its CPU per query settles');
      swarmdeskWarmUps.push(
        await warmUntilSteady(async () => {
          const round = await server.run('warm-up', (service) => loadSwarmdesk(service, 50, WARM_UP_ROUND));
          return round.load.cpuMsPerRequest;
        }),
      );
    };
    const floorRuns = new Map<number, LoadResult[]>();
    for (let repeat = 1; repeat <= profile.repeats; repeat++) {
      // The order turns each repeat, so no framework always runs right after the same neighbour.
      const order = FlowName.options.map((_, i, all) => all[(i + repeat) % all.length]!);
      for (const concurrency of CONCURRENCIES) {
        for (const flow of order) {
          progress(`peers: ${flow}, ${concurrency} in flight, run ${repeat}/${profile.repeats}`);
          await llm.stats();
          try {
            const result = await runFlow(flow, llm.peerBaseURL, concurrency);
            const { peerRequests } = await llm.stats();
            const queries = profile.queries[concurrency] + result.warmUpQueries;
            const runs = flowRuns.get(`${flow}@${concurrency}`) ?? [];
            runs.push({ ...result, repeat, llmCallsPerQuery: peerRequests / queries });
            flowRuns.set(`${flow}@${concurrency}`, runs);
          } catch (error) {
            failures.push(`${flow}, ${concurrency} in flight, run ${repeat}: ${errorText(error)}`);
          }
        }
        if (swarmdesk && hello) {
          progress(`peers: swarmdesk, ${concurrency} in flight, run ${repeat}/${profile.repeats}`);
          const amount = profile.queries[concurrency];
          const label = `${concurrency} in flight, run ${repeat}`;
          try {
            // The flows start warm in a fresh process each run; the server has been idle meanwhile, and
            // its first queries after a pause cost up to twice the steady figure, so it is warmed again.
            await warmSwarmdesk(swarmdesk);
            const own = await swarmdesk.run(label, (service) => loadSwarmdesk(service, concurrency, amount));
            const floor = await hello.run(label, (service) => loadFloor(service, concurrency, amount));
            serverRuns.set(concurrency, [...(serverRuns.get(concurrency) ?? []), own]);
            floorRuns.set(concurrency, [...(floorRuns.get(concurrency) ?? []), floor]);
          } catch (error) {
            failures.push(`swarmdesk server, ${label}: ${errorText(error)}`);
          }
        }
      }
    }
    const rows = [...flowRows(flowRuns), ...swarmdeskRows(serverRuns, floorRuns)];
    const restarts = (): string[] => services.flatMap((service) => service.restarts);
    const table = [
      `# Peers: triage, hand off to billing, answer (${full ? 'full' : 'quick'} profile)`,
      '',
      `Machine: ${machineLine()}. Fake LLM delay ${LLM_DELAY_MS} ms per call. Medians of ${profile.repeats} repeats of ` +
        `${profile.queries[1]} conversations one at a time and ${profile.queries[50]} with 50 in flight, each after warm-up rounds of ` +
        `${WARM_UP_ROUND} queries (50 in flight) until the CPU per query stopped falling. Overhead = the framework ` +
        `minus the bare openai client doing the same two calls, in the same repeat; for CPU, minus the bare client's CPU ` +
        `per LLM call times the flow's LLM calls. CPU ms/query: the flow's own process, all threads, user + system.` +
        `${skipped.length ? ` Skipped: ${skipped.join('; ')}.` : ''}${failures.length ? ` Failed: ${failures.join('; ')}.` : ''}` +
        `${restarts().length ? ` Restarted: ${restarts().join('; ')}.` : ''}`,
      '',
      markdown(rows),
    ].join('\n');
    const path = writeResults(
      'peers',
      {
        machine: machineLine(),
        profile: full ? 'full' : 'quick',
        llmDelayMs: LLM_DELAY_MS,
        rows,
        flowRuns: Object.fromEntries(flowRuns),
        swarmdesk: Object.fromEntries(serverRuns),
        swarmdeskWarmUps,
        floor: Object.fromEntries(floorRuns),
        skipped,
        failures,
        restarts: restarts(),
      },
      table,
    );
    progressDone(`peers done: ${path}`);
    process.stdout.write(`${table}\n`);
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(services.map((service) => service.stop()));
    await llm.stop();
  }
}

main().catch((error: unknown) => {
  progressDone(`peers failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
