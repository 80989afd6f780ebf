import type { LoadResult } from '../lib/load-result.js';
import type { Service } from '../lib/process.js';
import { progress } from '../lib/report.js';
import { queryLoad, startSwarmdesk } from './pipeline.js';

export interface FaultReport {
  result: LoadResult;
  faults: Array<{
    kind: string;
    atSecond: number;
    status: number;
    recoverySeconds: number | null;
    /** Throughput of the first seconds after the fault, in percent of the seconds before it. */
    afterPercent: number[];
  }>;
  perSecond: number[];
}

async function admin(service: Service, path: string): Promise<number> {
  const response = await fetch(service.url + path, { method: 'POST' });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Scenario 7: the offline pipeline under load while an agent is restarted through the admin API and a
 * worker thread is killed. Recovery is the time until a second's throughput is back at 90% of the
 * seconds before the fault.
 */
export async function faultScenario(durationSeconds: number): Promise<FaultReport> {
  const service = await startSwarmdesk({ SWARM_FAULT_INJECTION: '1' });
  try {
    await queryLoad(service, 50, 2);
    const perSecond: number[] = [];
    const faults: FaultReport['faults'] = [];
    const plan = [
      {
        kind: 'restart router-1 (admin API)',
        atSecond: Math.round(durationSeconds / 3),
        path: '/v1/agents/router-1/restart',
      },
      {
        kind: 'kill a worker thread',
        atSecond: Math.round((2 * durationSeconds) / 3),
        path: '/v1/faults/thread-exit',
      },
    ];
    const result = await queryLoad(service, 50, durationSeconds, (completed) => {
      perSecond.push(completed);
      progress(`fault under load: second ${perSecond.length}/${durationSeconds}, ${completed} req/s`);
      for (const step of plan) {
        if (perSecond.length === step.atSecond) {
          void admin(service, step.path).then((status) =>
            faults.push({
              kind: step.kind,
              atSecond: step.atSecond,
              status,
              recoverySeconds: null,
              afterPercent: [],
            }),
          );
        }
      }
    });
    for (const fault of faults) {
      const before = perSecond.slice(Math.max(0, fault.atSecond - 3), fault.atSecond);
      const baseline = before.reduce((a, b) => a + b, 0) / Math.max(1, before.length);
      const after = perSecond.slice(fault.atSecond);
      const index = after.findIndex((n) => n >= 0.9 * baseline);
      fault.recoverySeconds = index < 0 ? null : index;
      fault.afterPercent = after.slice(0, 3).map((n) => Math.round((100 * n) / Math.max(1, baseline)));
    }
    return { result, faults, perSecond };
  } finally {
    await service.stop();
  }
}
