// Scenario 2's other half, run by bench/run.ts as a process of its own: the swarm without HTTP.
// `createDesk` in this process with the pipeline's data (the same 20,000 customers and message mix),
// queries kept in flight through `desk.submit`, no sockets. Prints `{ runs, memory }` as JSON on
// stdout: the runs as LoadResults (what the swarm costs per query by itself, and what an integrator
// embedding the desk gets) and the live heap one conversation keeps (run with --expose-gc). With
// `--agents=stand-in`, the same with agents that think nothing: the swarm's floor.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as DeskModule from '../../src/desk/index.js';
import { specialistDepartments } from '../../src/domain/desk-profile.js';
import { processFigures, type LoadResult } from '../lib/load-result.js';
import { benchCustomersFile, MESSAGE_MIX, querySequence } from '../lib/messages.js';
import { bundleFolder, bundleForNode } from '../lib/node-bundle.js';
import { sampleProcess } from '../lib/process.js';
import {
  RECORDED_ANSWERS_ENV,
  recordAnswers,
  standInBehaviours,
  type RecordedAnswer,
} from '../lib/stand-in-agents.js';
import { percentile } from '../lib/stats.js';
import { warmUntilSteady } from '../lib/warm-up.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined =>
  args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const seconds = Number(option('seconds') ?? 5);
const repeats = Number(option('repeats') ?? 3);
const inFlight = Number(option('in-flight') ?? 50);

// The compiled desk (bench/run.ts builds first), as an integrator runs it: from source, each worker
// thread would start through tsx's loader, which no deployment pays for in time or memory. bench/run.ts
// runs this file bundled, from elsewhere, and says where the desk is.
const deskModule = option('desk-module') ?? new URL('../../dist/desk/index.js', import.meta.url).href;
const { createDesk } = (await import(deskModule)) as typeof DeskModule;
const customersFile = option('customers') ?? benchCustomersFile();
// `--agents=stand-in`: the swarm's floor, with agents that think nothing (bench/lib/stand-in-agents.ts),
// whose bundle and the answers they give live in `bundles` until the end.
const bundles = option('agents') === 'stand-in' ? bundleFolder() : undefined;
const desk = bundles
  ? await standInDesk(bundles.dir).catch((error: unknown) => {
      bundles.remove();
      throw error;
    })
  : await createDesk({ customersFile });
const nextQuery = querySequence();

/**
 * The desk with stand-in agents in its router and specialist pools (the escalation agent stays real),
 * answering from what the real desk answered each message of the mix, recorded here first.
 */
async function standInDesk(dir: string): Promise<DeskModule.Desk> {
  const real = await createDesk({ customersFile });
  let answers: RecordedAnswer[];
  let departments: string[];
  try {
    const mix = querySequence();
    answers = await recordAnswers(
      real,
      Array.from(MESSAGE_MIX, () => mix()),
    );
    departments = specialistDepartments(real.profile);
  } finally {
    await real.close();
  }
  const file = join(dir, 'answers.json');
  writeFileSync(file, JSON.stringify(answers));
  // Read by each agent when it starts; worker threads take the environment as it is when they start.
  process.env[RECORDED_ANSWERS_ENV] = file;
  // The agents' threads import the stand-ins without tsx: bundled (bench/lib/node-bundle.ts).
  const module = await bundleForNode('bench/lib/stand-in-agents.ts', dir, 'stand-in-agents.mjs');
  return createDesk(
    { customersFile },
    { behaviours: standInBehaviours(pathToFileURL(module).href, departments) },
  );
}

async function run(durationSeconds: number): Promise<LoadResult> {
  const before = sampleProcess(process.pid);
  const started = performance.now();
  const deadline = started + durationSeconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        try {
          await desk.submit(nextQuery());
          latencies.push(performance.now() - sent);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  const after = sampleProcess(process.pid);
  const completed = latencies.length;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSec: completed / elapsedSeconds,
    latencyMs: {
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? Number.NaN,
    },
    requests: completed,
    errors,
    timeouts: 0,
    non2xx: 0,
    statusCodes: {},
    ...processFigures(before, after, completed, elapsedSeconds),
    durationSeconds: elapsedSeconds,
  };
}

/**
 * Below the memory stores' caps (10,000 conversations and results), so every one is still kept; after
 * as many first (not measured), so the heap already holds what the first queries compile and memoise.
 */
const MEMORY_QUERIES = 2_000;

export interface ConversationMemory {
  queries: number;
  /** Main-thread heap after a full collection, before and after the queries, and the difference per query. */
  heapBeforeMb: number;
  heapAfterMb: number;
  kbPerConversation: number;
}

/**
 * The live heap one conversation keeps on the main thread (its trail, its result, the customer's
 * contact): each query is a new conversation, and a full collection before each reading leaves only
 * what is kept. The stores live on the main thread; the workers keep no per-conversation state.
 */
async function conversationMemory(): Promise<ConversationMemory | null> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return null;
  const collect = (): number => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const submitAll = async (count: number): Promise<void> => {
    let left = count;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (left-- > 0) await desk.submit(nextQuery());
      }),
    );
  };
  await submitAll(MEMORY_QUERIES);
  const before = collect();
  await submitAll(MEMORY_QUERIES);
  const after = collect();
  return {
    queries: MEMORY_QUERIES,
    heapBeforeMb: before / 2 ** 20,
    heapAfterMb: after / 2 ** 20,
    kbPerConversation: (after - before) / MEMORY_QUERIES / 1024,
  };
}

try {
  // Measured before the warm-up: that runs until the CPU settles, which on a fast machine is more
  // conversations than the stores keep, and a full store only swaps one conversation for another.
  const memory = bundles ? null : await conversationMemory();
  const warmUp = await warmUntilSteady(async () => (await run(1)).cpuMsPerRequest);
  const runs: LoadResult[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) runs.push(await run(seconds));
  process.stdout.write(`${JSON.stringify({ runs, memory, warmUp })}\n`);
} finally {
  await desk.close();
  bundles?.remove();
}
