import { expect } from 'vitest';
import type { ActionCallRecord } from '../../../src/actions/index.js';
import type { DeskOptions } from '../../../src/desk/index.js';
import type { QueryResult } from '../../../src/domain/query.js';
import type { EdgeMetrics, SwarmApp } from '../../../src/http/index.js';
import { postJson } from '../../http/helpers.js';

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

/** `POST /v1/queries` on `app`, expecting 200: the customer's answer. */
export function asker(app: () => SwarmApp) {
  return async (customerId: string, message: string, conversationId?: string): Promise<QueryResult> => {
    const res = await postJson(app(), '/v1/queries', {
      customerId,
      message,
      ...(conversationId ? { conversationId } : {}),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as QueryResult;
  };
}
