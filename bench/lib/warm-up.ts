/**
 * Warm-up until the CPU per query stops falling. V8 compiles hot code in tiers, per thread, and a desk
 * runs its agents on several: measured in 2026-12, swarmdesk in LLM mode fell from 3.8 to 1.4 ms of CPU
 * per query over its first 6,000 queries, so a fixed warm-up of a few hundred measured mostly the
 * compiler. Every contender in a comparison is warmed by this same rule.
 */
export interface WarmUp {
  rounds: number;
  /** CPU ms per query of each round, in order. */
  cpuMsPerQuery: number[];
}

export interface WarmUpOptions {
  /** A round that is not this much below the best so far is a stall. */
  improvement?: number;
  /** Stop after this many stalls in a row. */
  stalls?: number;
  maxRounds?: number;
}

/** Runs `round` (which returns its CPU ms per query, or null if it cannot tell) until it settles. */
export async function warmUntilSteady(
  round: () => Promise<number | null>,
  options: WarmUpOptions = {},
): Promise<WarmUp> {
  const { improvement = 0.05, stalls = 2, maxRounds = 15 } = options;
  const cpuMsPerQuery: number[] = [];
  let best = Number.POSITIVE_INFINITY;
  let stalled = 0;
  while (cpuMsPerQuery.length < maxRounds && stalled < stalls) {
    const cpu = await round();
    // Without a CPU reading there is nothing to settle on: one round is all the rule can give.
    if (cpu === null) return { rounds: cpuMsPerQuery.length + 1, cpuMsPerQuery };
    cpuMsPerQuery.push(cpu);
    if (cpu < best * (1 - improvement)) stalled = 0;
    else stalled += 1;
    best = Math.min(best, cpu);
  }
  return { rounds: cpuMsPerQuery.length, cpuMsPerQuery };
}
