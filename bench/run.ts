import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadResult } from './lib/load-result.js';
import { bundleFolder, bundleForNode } from './lib/node-bundle.js';
import { machineLine, markdownTable, progress, progressDone, type Row, writeResults } from './lib/report.js';
import { readThreadHeaps, type ThreadHeap } from './lib/process.js';
import { median, medianRun } from './lib/stats.js';
import { warmUntilSteady } from './lib/warm-up.js';
import { benchCustomersFile } from './lib/messages.js';
import { consolesScenario } from './scenarios/consoles.js';
import { faultScenario } from './scenarios/fault.js';
import { soakScenario } from './scenarios/soak.js';
import type { ConversationMemory } from './scenarios/swarm-in-process.js';
import { threadScaling } from './scenarios/threads.js';
import {
  benchRedis,
  helloLoad,
  queryLoad,
  startEdgeOnly,
  startHello,
  startSwarmdesk,
} from './scenarios/pipeline.js';

const argv = process.argv.slice(2);
const full = argv.includes('--full');
const only = argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
/** `--threads 1,2,4` or `--threads=1,2,4`: the thread-scaling curve (scenario 8), and only it unless --only says more. */
function listOption(name: string): number[] | undefined {
  const index = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (index < 0) return undefined;
  const raw = argv[index]!.includes('=') ? argv[index]!.split('=')[1] : argv[index + 1];
  const values = (raw ?? '').split(',').map(Number);
  if (values.length === 0 || values.some((n) => !Number.isInteger(n) || n < 1 || n > 64)) {
    throw new Error(`--${name} takes thread counts from 1 to 64, comma-separated (got ${raw ?? 'nothing'})`);
  }
  return values;
}
const threadCounts = listOption('threads');
const threadConnections = Number(
  argv.find((a) => a.startsWith('--connections='))?.slice('--connections='.length) ?? 50,
);
const wanted = (name: string): boolean => (only ? only.includes(name) : threadCounts === undefined);
const profile = full
  ? { repeats: 5, seconds: 15, faultSeconds: 30, soakSeconds: 300 }
  : { repeats: 3, seconds: 5, faultSeconds: 24, soakSeconds: 90 };

const rows: Row[] = [];
const summary: Record<string, unknown> = {
  machine: machineLine(),
  profile: full ? 'full' : 'quick',
  startedAt: new Date().toISOString(),
};

function medianRow(scenario: string, variant: string, runs: LoadResult[], note?: string): LoadResult {
  const result = medianRun(runs);
  rows.push({ scenario, variant, result, ...(note ? { note } : {}) });
  return result;
}

/** Where the pipeline's CPU goes: the main thread is the part that more worker threads cannot take. */
function mainThreadNote(runs: LoadResult[]): string {
  const perRequest = runs.flatMap((run) =>
    run.mainThreadCpuMsPerRequest === null ? [] : [run.mainThreadCpuMsPerRequest],
  );
  return perRequest.length === 0 ? 'main thread n/a' : `main thread ${median(perRequest).toFixed(3)} ms/req`;
}

/** The server's threads by their largest heap: where its RSS goes, which RSS alone cannot say. */
function threadHeapNote(heaps: ThreadHeap[]): string {
  if (heaps.length === 0) return 'thread heaps n/a';
  const figure = (heap: ThreadHeap) => `${heap.peakTotalMb.toFixed(0)} (${heap.peakUsedMb.toFixed(0)} used)`;
  const [main, ...workers] = heaps;
  return `peak heap MB: main ${main ? figure(main) : 'n/a'}, workers ${workers.map(figure).join(', ')}`;
}

/** The desk's agents' CPU per query over the stand-ins', median over the runs of each (two processes). */
function agentsWork(desk: LoadResult[], standIn: LoadResult[]): string {
  const cpu = (runs: LoadResult[]) =>
    runs.flatMap((run) => (run.cpuMsPerRequest === null ? [] : [run.cpuMsPerRequest]));
  const [withAgents, withStandIns] = [cpu(desk), cpu(standIn)];
  if (withAgents.length === 0 || withStandIns.length === 0) return 'n/a';
  return `${(median(withAgents) - median(withStandIns)).toFixed(3)} ms/query`;
}

async function floorAndPipeline(): Promise<void> {
  const hello = await startHello();
  const edge = await startEdgeOnly();
  const heapsDir = mkdtempSync(join(tmpdir(), 'swarmdesk-thread-heaps-'));
  const desk = await startSwarmdesk({}, { threadHeapsDir: heapsDir });
  try {
    progress('warming up until the CPU per request settles');
    summary.warmUps = {
      floor: await warmUntilSteady(async () => (await helloLoad(hello, 100, 1)).cpuMsPerRequest),
      sameRequestFloor: await warmUntilSteady(async () => (await queryLoad(hello, 50, 1)).cpuMsPerRequest),
      edge: await warmUntilSteady(async () => (await queryLoad(edge, 50, 1)).cpuMsPerRequest),
      pipeline: await warmUntilSteady(async () => (await queryLoad(desk, 50, 1)).cpuMsPerRequest),
    };
    const floorRuns: LoadResult[] = [];
    const sameRequestRuns: LoadResult[] = [];
    const edgeRuns: LoadResult[] = [];
    const pipelineRuns: LoadResult[] = [];
    for (let run = 1; run <= profile.repeats; run++) {
      progress(`floor run ${run}/${profile.repeats}`);
      floorRuns.push(await helloLoad(hello, 100, profile.seconds));
      progress(`same-request floor run ${run}/${profile.repeats}`);
      sameRequestRuns.push(await queryLoad(hello, 50, profile.seconds));
      progress(`edge alone run ${run}/${profile.repeats}`);
      edgeRuns.push(await queryLoad(edge, 50, profile.seconds));
      progress(`offline pipeline run ${run}/${profile.repeats}`);
      pipelineRuns.push(await queryLoad(desk, 50, profile.seconds));
    }
    // Written once a second by each thread: let the last second of the pipeline's load in.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const threadHeaps = readThreadHeaps(heapsDir);
    const {
      desk: { runs: swarmRuns, memory },
      standIn: { runs: swarmFloorRuns },
    } = await swarmInProcess();
    const ratios = pipelineRuns.map((p, i) => p.requestsPerSec / floorRuns[i]!.requestsPerSec);
    const edgeRatios = edgeRuns.map((e, i) => e.requestsPerSec / floorRuns[i]!.requestsPerSec);
    const edgeToSameRequest = edgeRuns.map((e, i) => e.requestsPerSec / sameRequestRuns[i]!.requestsPerSec);
    const sameRequestRatios = sameRequestRuns.map((e, i) => e.requestsPerSec / floorRuns[i]!.requestsPerSec);
    const edgeShares = edgeRuns.flatMap((e, i) => {
      const pipelineCpu = pipelineRuns[i]!.cpuMsPerRequest;
      return e.cpuMsPerRequest === null || !pipelineCpu ? [] : [e.cpuMsPerRequest / pipelineCpu];
    });
    const floor = medianRow('1 edge floor', 'Hono hello JSON, 100 conn', floorRuns);
    const sameRequestFloor = medianRow(
      '1 edge floor, same request',
      'Hono POST /v1/queries, body parsed, stand-in result, 50 conn',
      sameRequestRuns,
      `ratio to floor ${median(sameRequestRatios).toFixed(3)}`,
    );
    const edgeAlone = medianRow(
      '2 edge alone (breakdown)',
      'POST /v1/queries, stand-in desk, 50 conn',
      edgeRuns,
      `ratio to floor ${median(edgeRatios).toFixed(3)}, to the same-request floor ${median(edgeToSameRequest).toFixed(2)}; ${
        edgeShares.length === 0 ? 'share n/a' : `${median(edgeShares).toFixed(2)} of the pipeline's CPU/req`
      }`,
    );
    const swarmAlone = medianRow(
      '2 swarm alone (breakdown)',
      '`createDesk` in process, 50 in flight, no HTTP',
      swarmRuns,
      `${mainThreadNote(swarmRuns)}; ${
        memory === null
          ? 'memory n/a'
          : `live heap ${memory.kbPerConversation.toFixed(1)} KB per conversation`
      }`,
    );
    const swarmFloor = medianRow(
      '2 swarm floor (breakdown)',
      'the same with stand-in agents that think nothing',
      swarmFloorRuns,
      `${mainThreadNote(swarmFloorRuns)}; the swarm alone less this, the agents' own work: ${agentsWork(
        swarmRuns,
        swarmFloorRuns,
      )}`,
    );
    const pipeline = medianRow(
      '2 offline pipeline',
      'POST /v1/queries, 50 conn',
      pipelineRuns,
      `ratio to floor ${median(ratios).toFixed(3)}; ${mainThreadNote(pipelineRuns)}; ${threadHeapNote(threadHeaps)}`,
    );
    summary.floor = floor;
    summary.sameRequestFloor = sameRequestFloor;
    summary.sameRequestFloorToFloor = median(sameRequestRatios);
    summary.edgeAlone = edgeAlone;
    summary.edgeToSameRequestFloor = median(edgeToSameRequest);
    summary.edgeToFloor = median(edgeRatios);
    summary.edgeCpuShare = edgeShares.length === 0 ? null : median(edgeShares);
    summary.swarmAlone = swarmAlone;
    summary.swarmFloor = swarmFloor;
    summary.conversationMemory = memory;
    summary.pipeline = pipeline;
    summary.pipelineThreadHeaps = threadHeaps;
    summary.pipelineToFloor = median(ratios);
    summary.pipelineRatios = ratios;
    progressDone(
      `floor ${floor.requestsPerSec.toFixed(0)} req/s, edge alone ${edgeAlone.requestsPerSec.toFixed(0)} req/s, ` +
        `swarm alone ${swarmAlone.requestsPerSec.toFixed(0)} queries/s, ` +
        `pipeline ${pipeline.requestsPerSec.toFixed(0)} req/s`,
    );
  } finally {
    await Promise.all([hello.stop(), edge.stop(), desk.stop()]);
    rmSync(heapsDir, { recursive: true, force: true });
  }
}

async function redisMode(): Promise<void> {
  const redis = await benchRedis();
  const memory = await startSwarmdesk();
  const withRedis = await startSwarmdesk({
    REDIS_URL: redis.url,
    SWARM_REDIS_PREFIX: `bench:${Date.now()}:`,
  });
  try {
    await queryLoad(memory, 50, 2);
    await queryLoad(withRedis, 50, 2);
    const memoryRuns: LoadResult[] = [];
    const redisRuns: LoadResult[] = [];
    for (let run = 1; run <= profile.repeats; run++) {
      progress(`memory run ${run}/${profile.repeats}`);
      memoryRuns.push(await queryLoad(memory, 50, profile.seconds));
      progress(`redis run ${run}/${profile.repeats}`);
      redisRuns.push(await queryLoad(withRedis, 50, profile.seconds));
    }
    const ratios = redisRuns.map((r, i) => r.requestsPerSec / memoryRuns[i]!.requestsPerSec);
    medianRow('3 Redis mode', 'memory, 50 conn', memoryRuns);
    const result = medianRow(
      '3 Redis mode',
      'Redis, 50 conn',
      redisRuns,
      `ratio to memory ${median(ratios).toFixed(3)}; ${mainThreadNote(redisRuns)}`,
    );
    summary.redis = result;
    summary.redisToMemory = median(ratios);
    progressDone(`redis ${result.requestsPerSec.toFixed(0)} req/s (${median(ratios).toFixed(2)} of memory)`);
  } finally {
    await Promise.all([memory.stop(), withRedis.stop()]);
    await redis.stop();
  }
}

async function llmLatency(): Promise<void> {
  const { llmLatencyScenario } = await import('./scenarios/llm-latency.js');
  const { rows: llmRows, extra } = await llmLatencyScenario({ full });
  rows.push(...llmRows);
  summary.llm = extra;
  progressDone('LLM latency sweep done');
}

interface SwarmRuns {
  runs: LoadResult[];
  memory: ConversationMemory | null;
}

/**
 * The swarm without HTTP (bench/scenarios/swarm-in-process.ts, a process of each): its runs and
 * memory with the desk's own agents, then its runs with stand-ins that think nothing. The scenario is
 * bundled once and run by plain node (bench/lib/node-bundle.ts says why).
 */
async function swarmInProcess(): Promise<{ desk: SwarmRuns; standIn: SwarmRuns }> {
  const folder = bundleFolder();
  try {
    const script = await bundleForNode(
      'bench/scenarios/swarm-in-process.ts',
      folder.dir,
      'swarm-in-process.mjs',
    );
    const run = (agents: 'desk' | 'stand-in'): SwarmRuns => {
      const child = spawnSync(
        process.execPath,
        [
          '--expose-gc',
          // The heap growth `swarmdesk serve` sets for itself (src/cli/heap-growth.ts): this process
          // hosts the desk as the server does, so that the two figures compare.
          '--heap-growing-percent=50',
          script,
          `--desk-module=${pathToFileURL(join(process.cwd(), 'dist', 'desk', 'index.js')).href}`,
          `--seconds=${profile.seconds}`,
          `--repeats=${profile.repeats}`,
          `--customers=${benchCustomersFile()}`,
          `--agents=${agents}`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
      );
      if (child.status !== 0)
        throw new Error(`the in-process swarm run failed (exit ${child.status ?? child.signal})`);
      return JSON.parse(child.stdout) as SwarmRuns;
    };
    progress(`swarm alone, ${profile.repeats} runs`);
    const desk = run('desk');
    progress(`swarm floor (stand-in agents), ${profile.repeats} runs`);
    return { desk, standIn: run('stand-in') };
  } finally {
    folder.remove();
  }
}

/** Runs another bench script (through tsx, with the same profile); its tables come back as stdout. */
function runScript(script: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...(full ? ['--full'] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
}

function runtimeFigures(): void {
  progress('runtime benchmark (npm run bench:runtime)');
  const run = runScript('bench/runtime.ts');
  const file = new URL('./results/runtime.json', import.meta.url);
  summary.runtime = existsSync(file)
    ? JSON.parse(readFileSync(file, 'utf8'))
    : { error: 'no bench/results/runtime.json' };
  summary.runtimeTable = run.stdout;
  progressDone('runtime benchmark done');
}

function peers(): void {
  progress('peers (npm run bench:peers)');
  const run = runScript('bench/peers/run.ts');
  summary.peersTable = run.stdout;
  progressDone(run.status === 0 ? 'peers done' : 'peers did not run (see above)');
}

async function threads(counts: number[]): Promise<void> {
  const points = await threadScaling({
    threads: counts,
    connections: threadConnections,
    seconds: profile.seconds,
    repeats: profile.repeats,
  });
  for (const point of points) {
    const cpu = point.median.cpuMsPerRequest;
    const mainCpu = point.median.mainThreadCpuMsPerRequest;
    rows.push({
      scenario: '8 thread scaling',
      variant: `SWARM_THREADS=${point.threads}, offline, ${threadConnections} conn`,
      result: point.median,
      note:
        `${point.speedup.toFixed(2)}x the queries/s of ${counts[0]} thread(s); ` +
        `CPU ${cpu === null ? 'n/a' : cpu.toFixed(3)} ms/query, main thread ${mainCpu === null ? 'n/a' : mainCpu.toFixed(3)}`,
    });
  }
  summary.threads = points;
  progressDone(
    `thread scaling: ${points.map((p) => `${p.threads}: ${p.median.requestsPerSec.toFixed(0)}/s`).join(', ')}`,
  );
}

async function fault(): Promise<void> {
  const report = await faultScenario(profile.faultSeconds);
  const note = report.faults
    .map(
      (f) =>
        `${f.kind}: HTTP ${f.status}, recovered in ${f.recoverySeconds ?? 'n/a'} s ` +
        `(first seconds after: ${f.afterPercent.map((p) => `${p}%`).join(', ')})`,
    )
    .join('; ');
  rows.push({ scenario: '7 fault under load', variant: 'offline, 50 conn', result: report.result, note });
  summary.fault = report;
  progressDone('fault under load done');
}

async function soak(): Promise<void> {
  const report = await soakScenario(profile.soakSeconds);
  summary.soak = report;
  progressDone(
    `soak: ${report.rounds} rounds, RSS ${report.startMb} MB at start, ${report.filledMb} MB with the stores full, ` +
      `${report.baselineMb} MB after warm-up, ` +
      `${report.afterRoundMb.join(' / ')} MB after each round (max +${report.growthPercent}%), ` +
      `${report.webSocketsClosed} unread WebSockets closed, ${report.connectionsEnded} stalled requests ended`,
  );
}

const OPEN_CONSOLES = 50;

/** The pipeline with 50 operator consoles holding their feeds open, against none (issue 19: at most 5% less). */
async function consoles(): Promise<void> {
  const desk = await startSwarmdesk();
  try {
    progress('warming up');
    await queryLoad(desk, 50, 2);
    const report = await consolesScenario(
      desk,
      OPEN_CONSOLES,
      // Pairs, not single runs: the drop is read from back-to-back runs on a machine that drifts.
      profile.repeats + 2,
      () => queryLoad(desk, 50, profile.seconds),
      progress,
    );
    const drop = 1 - median(report.ratios);
    medianRow('8 console feeds', 'POST /v1/queries, 50 conn, no console open', report.without);
    const withRow = medianRow(
      '8 console feeds',
      `POST /v1/queries, 50 conn, ${OPEN_CONSOLES} consoles open`,
      report.with,
      `ratio to none ${median(report.ratios).toFixed(3)} (drop ${(drop * 100).toFixed(1)}%); ` +
        `pairs ${report.ratios.map((r) => r.toFixed(3)).join(', ')}; feeds ${(median(report.feedBytesPerSecond) / 1024).toFixed(0)} KiB/s`,
    );
    summary.consoles = { ...report, drop, withConsoles: withRow };
    progressDone(
      `${OPEN_CONSOLES} consoles open: ${withRow.requestsPerSec.toFixed(0)} req/s, ` +
        `${(drop * 100).toFixed(1)}% below none (median of ${report.ratios.length} back-to-back pairs)`,
    );
  } finally {
    await desk.stop();
  }
}

async function main(): Promise<void> {
  progress('building (npm run build)');
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (wanted('pipeline')) await floorAndPipeline();
  if (wanted('redis')) await redisMode();
  if (wanted('llm')) await llmLatency();
  if (wanted('fault')) await fault();
  if (wanted('soak')) await soak();
  if (wanted('consoles')) await consoles();
  if (wanted('runtime')) runtimeFigures();
  if (wanted('peers')) peers();
  if (threadCounts) await threads(threadCounts);

  const markdown = [
    `# swarmdesk benchmark (${full ? 'full' : 'quick'} profile)`,
    '',
    `Machine: ${machineLine()}. Medians of ${profile.repeats} runs of ${profile.seconds} s where repeated.`,
    '',
    markdownTable(rows),
    '',
    typeof summary.runtimeTable === 'string' ? `## Runtime\n\n${summary.runtimeTable}` : '',
    typeof summary.peersTable === 'string' ? `## Peers\n\n${summary.peersTable}` : '',
  ].join('\n');
  const path = writeResults('bench', { ...summary, rows }, markdown);
  process.stdout.write(`${markdown}\n\nWritten to ${path}\n`);
}

main().catch((error: unknown) => {
  progressDone(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
