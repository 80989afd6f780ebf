import { z } from 'zod';

/** The flows run.ts asks runner.ts for; runner.ts maps each to its framework. */
export const FlowName = z.enum([
  'bare openai client',
  'OpenAI Agents SDK',
  'LangGraph swarm',
  'swarmdesk in process',
]);
export type FlowName = z.infer<typeof FlowName>;

export const RunnerArgs = z.object({
  flow: FlowName,
  baseURL: z.url(),
  concurrency: z.coerce.number().int().positive(),
  queries: z.coerce.number().int().positive(),
  /** Queries per warm-up round; rounds go on until the CPU per query settles (bench/lib/warm-up.ts). */
  warmup: z.coerce.number().int().nonnegative(),
});
export type RunnerArgs = z.infer<typeof RunnerArgs>;

/** The one JSON line a runner prints. */
export const RunnerResult = z.object({
  flow: FlowName,
  concurrency: z.number(),
  queries: z.number(),
  warmUpQueries: z.number(),
  warmUpCpuMsPerQuery: z.array(z.number()),
  errors: z.number(),
  firstError: z.string().nullable(),
  seconds: z.number(),
  requestsPerSec: z.number(),
  /** `null` when no query was answered. */
  latencyMs: z.object({ p50: z.number().nullable(), p90: z.number().nullable(), p99: z.number().nullable() }),
  cpuMsPerQuery: z.number(),
  peakRssMb: z.number(),
});
export type RunnerResult = z.infer<typeof RunnerResult>;
