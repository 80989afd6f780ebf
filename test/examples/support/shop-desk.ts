import type { ActionCallRecord } from '../../../src/actions/index.js';
import type { DeskOptions } from '../../../src/desk/index.js';
import type { EdgeMetrics } from '../../../src/http/index.js';

/** The example shop desk's folder. */
export const SHOP = new URL('../../../examples/shop', import.meta.url).pathname;

/** One instance per pool: the tests read which agent answered. */
export const SHOP_POOLS: DeskOptions['pools'] = {
  router: { min: 1, max: 1 },
  technical: { min: 1, max: 1 },
  billing: { min: 1, max: 1 },
  general: { min: 1, max: 1 },
  shipping: { min: 1, max: 1 },
  escalation: { min: 1, max: 1 },
};

/** The edge's metrics observer, also keeping every action call in `calls`. */
export function recordingObserver(metrics: EdgeMetrics, calls: ActionCallRecord[]): EdgeMetrics['observer'] {
  return {
    ...metrics.observer,
    actionCall: (record) => {
      calls.push(record);
      metrics.observer.actionCall?.(record);
    },
  };
}
