/**
 * Runtime throughput and latency against a bare worker_threads MessagePort baseline, measured in the
 * same process: `npx tsx bench/runtime.ts` (or `npm run bench:runtime`). Prints medians of several
 * runs and writes bench/results/runtime.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createActorSystem, type ActorSystem } from '../src/runtime/index.js';
import { median, percentile } from './lib/stats.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const TELLS = Number(process.env['BENCH_TELLS'] ?? 200_000);
const ASKS = Number(process.env['BENCH_ASKS'] ?? 5_000);
const ACTORS_PER_THREAD = 4;
/**
 * Producers hand control back to the event loop every this many messages, as a server handling
 * requests does; both the runtime and the bare baseline send this way.
 */
const YIELD_EVERY = 1_000;
const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));
const message = (seq: number) => ({ type: 'bench.msg', seq, payload: 'x'.repeat(280) });
const messageBytes = JSON.stringify(message(100_000)).length;
const echoRef = { module: new URL('./runtime-echo.ts', import.meta.url).href, export: 'echo' };

interface Figures {
  tellPerSec: number;
  askP50Us: number;
  askP99Us: number;
}

// ---- bare baseline -------------------------------------------------------------------------------

// Counts one-way messages (single or arrays of them) and echoes `ping`s: the least a host could do.
const BARE_WORKER = `
const { parentPort } = require('node:worker_threads');
let received = 0;
parentPort.on('message', (m) => {
  if (Array.isArray(m)) received += m.length;
  else if (m.kind === 'ping') parentPort.postMessage(m.seq);
  else if (m.kind === 'count') parentPort.postMessage({ received });
  else received++;
});`;

function once<T>(worker: Worker): Promise<T> {
  return new Promise((resolve) => worker.once('message', resolve));
}

async function bareTell(workers: Worker[], batch: number): Promise<number> {
  const perWorker = Math.floor(TELLS / workers.length);
  const started = performance.now();
  for (let sent = 0; sent < perWorker; sent += batch) {
    for (const worker of workers) {
      if (batch === 1) worker.postMessage(message(sent));
      else worker.postMessage(Array.from({ length: batch }, (_, i) => message(sent + i)));
    }
    if ((sent + batch) % YIELD_EVERY === 0) await yieldToLoop();
  }
  await Promise.all(
    workers.map((worker) => {
      const reply = once(worker);
      worker.postMessage({ kind: 'count' });
      return reply;
    }),
  );
  return (perWorker * workers.length) / ((performance.now() - started) / 1000);
}

async function bareAsk(workers: Worker[]): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    workers.map(async (worker) => {
      for (let seq = 0; seq < ASKS / workers.length; seq++) {
        const started = performance.now();
        const reply = once(worker);
        worker.postMessage({ kind: 'ping', seq, payload: message(seq).payload });
        await reply;
        latencies.push((performance.now() - started) * 1000);
      }
    }),
  );
  return latencies;
}

// ---- runtime -------------------------------------------------------------------------------------

async function runtimeTell(system: ActorSystem, ids: string[]): Promise<number> {
  const perActor = Math.floor(TELLS / ids.length);
  const started = performance.now();
  for (let seq = 0; seq < perActor; seq++) {
    for (const id of ids) system.tell(id, message(seq));
    if ((seq + 1) % Math.ceil(YIELD_EVERY / ids.length) === 0) await yieldToLoop();
  }
  await Promise.all(ids.map((id) => system.ask(id, { type: 'bench.count' })));
  return (perActor * ids.length) / ((performance.now() - started) / 1000);
}

async function runtimeAsk(system: ActorSystem, targets: string[]): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    targets.map(async (id) => {
      for (let seq = 0; seq < ASKS / targets.length; seq++) {
        const started = performance.now();
        await system.ask(id, message(seq));
        latencies.push((performance.now() - started) * 1000);
      }
    }),
  );
  return latencies;
}

// ---- one configuration, bare and runtime interleaved ---------------------------------------------

interface Measured {
  runtime: Figures;
  bare: { unbatched: number; batched: number; rttP50Us: number; rttP99Us: number };
  /** Medians of per-run ratios: each ratio compares figures taken seconds apart, under the same load. */
  ratio: { tellVsBatched: number; tellVsUnbatched: number; askP50VsRoundTrip: number };
}

async function measure(threads: number): Promise<Measured> {
  const workers = Array.from({ length: threads }, () => new Worker(BARE_WORKER, { eval: true }));
  await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('online', resolve))));
  const system = await createActorSystem({ threads, autoscale: false, defaults: { mailboxCapacity: TELLS } });
  const ids = await system.spawn({
    type: 'echo',
    behaviour: echoRef,
    instances: { initial: threads * ACTORS_PER_THREAD, max: threads * ACTORS_PER_THREAD },
  });
  // One asker per thread: actors are placed round the threads in spawn order.
  const askers = ids.slice(0, threads);

  // Warm-up: lets the JIT settle before anything is timed.
  await bareAsk(workers);
  await bareTell(workers, 100);
  await runtimeAsk(system, askers);
  await runtimeTell(system, ids);

  const runs: Array<{
    tell: number;
    unbatched: number;
    batched: number;
    p50: number;
    p99: number;
    rttP50: number;
    rttP99: number;
  }> = [];
  for (let run = 0; run < RUNS; run++) {
    const unbatched = await bareTell(workers, 1);
    const batched = await bareTell(workers, 100);
    const tell = await runtimeTell(system, ids);
    const rtt = (await bareAsk(workers)).sort((a, b) => a - b);
    const asks = (await runtimeAsk(system, askers)).sort((a, b) => a - b);
    runs.push({
      tell,
      unbatched,
      batched,
      p50: percentile(asks, 50),
      p99: percentile(asks, 99),
      rttP50: percentile(rtt, 50),
      rttP99: percentile(rtt, 99),
    });
  }
  await system.shutdown();
  await Promise.all(workers.map((worker) => worker.terminate()));
  const med = (pick: (run: (typeof runs)[number]) => number) => median(runs.map(pick));
  return {
    runtime: { tellPerSec: med((r) => r.tell), askP50Us: med((r) => r.p50), askP99Us: med((r) => r.p99) },
    bare: {
      unbatched: med((r) => r.unbatched),
      batched: med((r) => r.batched),
      rttP50Us: med((r) => r.rttP50),
      rttP99Us: med((r) => r.rttP99),
    },
    ratio: {
      tellVsBatched: med((r) => r.tell / r.batched),
      tellVsUnbatched: med((r) => r.tell / r.unbatched),
      askP50VsRoundTrip: med((r) => r.p50 / r.rttP50),
    },
  };
}

// ---- report --------------------------------------------------------------------------------------

const round = (value: number, digits = 0) => Number(value.toFixed(digits));

async function main(): Promise<void> {
  const all = availableParallelism();
  const configurations = [...new Set([1, all])];
  const results = [];
  for (const threads of configurations) {
    const { runtime, bare, ratio } = await measure(threads);
    results.push({
      threads,
      runtime: {
        tellPerSec: round(runtime.tellPerSec),
        askP50Us: round(runtime.askP50Us, 1),
        askP99Us: round(runtime.askP99Us, 1),
      },
      bare: {
        tellUnbatchedPerSec: round(bare.unbatched),
        tellBatched100PerSec: round(bare.batched),
        roundTripP50Us: round(bare.rttP50Us, 1),
        roundTripP99Us: round(bare.rttP99Us, 1),
      },
      ratio: {
        tellVsBatched: round(ratio.tellVsBatched, 2),
        tellVsUnbatched: round(ratio.tellVsUnbatched, 2),
        askP50VsRoundTrip: round(ratio.askP50VsRoundTrip, 2),
      },
    });
  }
  const report = {
    at: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    runs: RUNS,
    tells: TELLS,
    asks: ASKS,
    messageBytes,
    actorsPerThread: ACTORS_PER_THREAD,
    results,
  };
  for (const result of results) {
    console.log(`\n${result.threads} thread(s), ${messageBytes}-byte messages, median of ${RUNS} runs`);
    console.log(
      `  runtime  tell ${result.runtime.tellPerSec.toLocaleString()} msg/s   ask p50 ${result.runtime.askP50Us} µs  p99 ${result.runtime.askP99Us} µs`,
    );
    console.log(
      `  bare     tell ${result.bare.tellUnbatchedPerSec.toLocaleString()} msg/s unbatched, ${result.bare.tellBatched100PerSec.toLocaleString()} msg/s batched by 100   round trip p50 ${result.bare.roundTripP50Us} µs  p99 ${result.bare.roundTripP99Us} µs`,
    );
    console.log(
      `  ratio    (median of per-run ratios) tell/batched ${result.ratio.tellVsBatched}  tell/unbatched ${result.ratio.tellVsUnbatched}  ask p50/round trip ${result.ratio.askP50VsRoundTrip}`,
    );
  }
  const folder = new URL('./results/', import.meta.url);
  await mkdir(folder, { recursive: true });
  await writeFile(new URL('runtime.json', folder), `${JSON.stringify(report, null, 2)}\n`);
}

await main();
