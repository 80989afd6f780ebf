// One framework in a process of its own, so its CPU time is its own: runs `queries` conversations with
// `concurrency` in flight after a warm-up, then prints one JSON line with what it measured.
import { percentile } from '../lib/stats.js';
import { warmUntilSteady } from '../lib/warm-up.js';
import { QUESTION, type Flow } from './flows/prompts.js';
import { RunnerArgs, type FlowName, type RunnerResult } from './protocol.js';

// Loaded on demand, so a runner pays for (and can be broken by) only the framework it runs.
const FLOWS: Record<FlowName, () => Promise<(baseURL: string) => Promise<Flow>>> = {
  'bare openai client': async () => (await import('./flows/bare.js')).createBareFlow,
  'OpenAI Agents SDK': async () => (await import('./flows/agents-sdk.js')).createAgentsSdkFlow,
  'LangGraph swarm': async () => (await import('./flows/langgraph.js')).createLangGraphFlow,
  'swarmdesk in process': async () => (await import('./flows/swarmdesk.js')).createSwarmdeskFlow,
};

async function drive(flow: Flow, concurrency: number, queries: number) {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | null = null;
  const worker = async (): Promise<void> => {
    while (next < queries) {
      next += 1;
      const started = performance.now();
      try {
        await flow.answer(QUESTION);
        latencies.push(performance.now() - started);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queries) }, worker));
  return { latencies: latencies.sort((a, b) => a - b), errors, firstError };
}

const WARM_UP_CONCURRENCY = 50;

async function main(): Promise<void> {
  const [flow, baseURL, concurrency, queries, warmup] = process.argv.slice(2);
  const args = RunnerArgs.parse({ flow, baseURL, concurrency, queries, warmup });
  const flowOf = await FLOWS[args.flow]();
  const run = await flowOf(args.baseURL);
  // Warmed with many in flight whatever is measured after: the compiler needs queries, not time.
  const warmUp =
    args.warmup > 0
      ? await warmUntilSteady(async () => {
          const before = process.cpuUsage();
          await drive(run, WARM_UP_CONCURRENCY, args.warmup);
          const cpu = process.cpuUsage(before);
          return (cpu.user + cpu.system) / 1000 / args.warmup;
        })
      : { rounds: 0, cpuMsPerQuery: [] };
  // The whole process, every thread included: a desk's worker threads count as its own CPU.
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { latencies, errors, firstError } = await drive(run, args.concurrency, args.queries);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await run.close();
  const result: RunnerResult = {
    flow: args.flow,
    concurrency: args.concurrency,
    queries: args.queries,
    warmUpQueries: warmUp.rounds * args.warmup,
    warmUpCpuMsPerQuery: warmUp.cpuMsPerQuery,
    errors,
    firstError,
    seconds,
    requestsPerSec: latencies.length / seconds,
    latencyMs:
      latencies.length === 0
        ? { p50: null, p90: null, p99: null }
        : { p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99) },
    cpuMsPerQuery: (cpu.user + cpu.system) / 1000 / args.queries,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`peer runner failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
