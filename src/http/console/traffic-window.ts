import type { TrafficPoint } from './schemas.js';

/** Latencies kept per second: beyond this, a reservoir sample keeps the percentiles honest and cheap. */
const SAMPLES_PER_SECOND = 1024;

interface Second {
  second: number;
  queries: number;
  failed: number;
  escalations: number;
  llmTokens: number;
  latencies: number[];
  /** Computed once the second is over (its latencies cannot change any more). */
  point: TrafficPoint | undefined;
}

export interface TrafficWindow {
  queryAnswered(latencyMs: number, escalated: boolean): void;
  queryFailed(): void;
  llmTokens(count: number): void;
  /**
   * The seconds of the window that have ended (only those starting after `afterMs` when given),
   * oldest first; seconds without traffic are zeros.
   */
  points(afterMs?: number): TrafficPoint[];
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? null;
}

/**
 * Per-second counters over the last `seconds`, in a ring indexed by the second: recording is a few
 * increments and no timer runs, so a desk nobody watches pays almost nothing for it.
 */
export function createTrafficWindow(seconds: number, now: () => number): TrafficWindow {
  const ring: Second[] = Array.from({ length: seconds }, () => empty(-1));

  function empty(second: number): Second {
    return { second, queries: 0, failed: 0, escalations: 0, llmTokens: 0, latencies: [], point: undefined };
  }

  const slot = (second: number): Second => {
    const index = second % seconds;
    let entry = ring[index];
    if (entry === undefined || entry.second !== second) {
      entry = empty(second);
      ring[index] = entry;
    }
    return entry;
  };
  const current = () => slot(Math.floor(now() / 1000));

  const toPoint = (second: number): TrafficPoint => {
    const entry = ring[second % seconds];
    if (entry === undefined || entry.second !== second) {
      return {
        at: second * 1000,
        queries: 0,
        failed: 0,
        escalations: 0,
        llmTokens: 0,
        p50Ms: null,
        p99Ms: null,
      };
    }
    if (entry.point === undefined) {
      const sorted = entry.latencies.sort((a, b) => a - b);
      entry.point = {
        at: second * 1000,
        queries: entry.queries,
        failed: entry.failed,
        escalations: entry.escalations,
        llmTokens: entry.llmTokens,
        p50Ms: percentile(sorted, 0.5),
        p99Ms: percentile(sorted, 0.99),
      };
    }
    return entry.point;
  };

  return {
    queryAnswered(latencyMs, escalated) {
      const entry = current();
      entry.queries++;
      if (escalated) entry.escalations++;
      if (entry.latencies.length < SAMPLES_PER_SECOND) entry.latencies.push(latencyMs);
      else {
        const pick = Math.floor(Math.random() * entry.queries);
        if (pick < SAMPLES_PER_SECOND) entry.latencies[pick] = latencyMs;
      }
    },
    queryFailed() {
      current().failed++;
    },
    llmTokens(count) {
      current().llmTokens += count;
    },
    points(afterMs) {
      const last = Math.floor(now() / 1000) - 1;
      let first = last - (seconds - 2);
      if (afterMs !== undefined) first = Math.max(first, Math.floor(afterMs / 1000) + 1);
      const out: TrafficPoint[] = [];
      for (let second = first; second <= last; second++) out.push(toPoint(second));
      return out;
    },
  };
}
