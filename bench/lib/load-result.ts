// What one load run measured, and the process figures it reads: apart from the load generator, so a
// harness that drives the desk without HTTP (the swarm-alone run, bundled to run without tsx) does not
// load autocannon.
import type { ProcessSample } from './process.js';

export interface LoadResult {
  requestsPerSec: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  peakRssMb: number | null;
  /** Server CPU time per second of wall time, in percent of one core. */
  cpuPercent: number | null;
  /** Server CPU time per completed request, in milliseconds. */
  cpuMsPerRequest: number | null;
  /** The part of it spent on the server's main thread. */
  mainThreadCpuMsPerRequest: number | null;
  durationSeconds: number;
}

/** The server process's figures of a run, from its samples before and after. */
export function processFigures(
  before: ProcessSample | undefined,
  after: ProcessSample | undefined,
  completed: number,
  elapsedSeconds: number,
): Pick<LoadResult, 'peakRssMb' | 'cpuPercent' | 'cpuMsPerRequest' | 'mainThreadCpuMsPerRequest'> {
  const cpuMs = before && after ? after.cpuMs - before.cpuMs : null;
  const mainThreadCpuMs = before && after ? after.mainThreadCpuMs - before.mainThreadCpuMs : null;
  return {
    peakRssMb: after ? after.peakRssBytes / 1024 / 1024 : null,
    cpuPercent: cpuMs === null ? null : cpuMs / 10 / elapsedSeconds,
    cpuMsPerRequest: cpuMs === null || completed === 0 ? null : cpuMs / completed,
    mainThreadCpuMsPerRequest:
      mainThreadCpuMs === null || completed === 0 ? null : mainThreadCpuMs / completed,
  };
}
