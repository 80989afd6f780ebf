// Scenario 8: the offline pipeline at each SWARM_THREADS, so the curve can be measured on any machine.
import type { LoadResult } from '../lib/load-result.js';
import { progress } from '../lib/report.js';
import { median, medianRun } from '../lib/stats.js';
import { queryLoad, startSwarmdesk } from './pipeline.js';

export interface ThreadsPoint {
  threads: number;
  /** The run with the median queries/s of the repeats at this thread count. */
  median: LoadResult;
  /** Queries/s of this point over the first point's, the medians of the per-repeat ratios. */
  speedup: number;
}

/**
 * Within each repeat every thread count is measured in turn, so a noisy moment on a shared machine
 * hits the points alike. Each run starts a server of its own (the threads are fixed at start-up by
 * `SWARM_THREADS`), warms it for a second and stops it after, so idle servers hold no memory meanwhile.
 */
export async function threadScaling(options: {
  threads: number[];
  connections: number;
  seconds: number;
  repeats: number;
}): Promise<ThreadsPoint[]> {
  const runs = new Map<number, LoadResult[]>(options.threads.map((n) => [n, []]));
  for (let repeat = 1; repeat <= options.repeats; repeat++) {
    for (const threads of options.threads) {
      const server = await startSwarmdesk({ SWARM_THREADS: String(threads) });
      try {
        progress(`threads: SWARM_THREADS=${threads}, run ${repeat}/${options.repeats}`);
        await queryLoad(server, options.connections, 1);
        runs.get(threads)!.push(await queryLoad(server, options.connections, options.seconds));
      } finally {
        await server.stop();
      }
    }
  }
  const first = runs.get(options.threads[0]!)!;
  return options.threads.map((threads) => {
    const own = runs.get(threads)!;
    return {
      threads,
      median: medianRun(own),
      speedup: median(own.map((run, i) => run.requestsPerSec / first[i]!.requestsPerSec)),
    };
  });
}
