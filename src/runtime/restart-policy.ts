import type { ResolvedSupervision } from './options.js';

export type RestartDecision = { kind: 'restart'; delayMs: number; attempt: number } | { kind: 'fail' };

/**
 * OTP restart intensity with Akka-style backoff: at most `maxRestarts` within a sliding `withinMs`
 * window; each restart in the window waits `minMs * factor^(n-1)`, capped at `maxMs`, spread by
 * +/- `jitter` so actors that crashed together do not restart in lockstep.
 */
export class RestartPolicy {
  #history: number[] = [];

  constructor(
    private readonly options: ResolvedSupervision,
    private readonly random: () => number = Math.random,
  ) {}

  next(now: number): RestartDecision {
    this.#history = this.#history.filter((at) => now - at < this.options.withinMs);
    if (this.#history.length >= this.options.maxRestarts) return { kind: 'fail' };
    this.#history.push(now);
    const attempt = this.#history.length;
    const { minMs, maxMs, factor, jitter } = this.options.backoff;
    const base = Math.min(maxMs, minMs * factor ** (attempt - 1));
    const spread = 1 + jitter * (2 * this.random() - 1);
    return { kind: 'restart', delayMs: Math.max(0, Math.round(base * spread)), attempt };
  }

  reset(): void {
    this.#history = [];
  }
}
