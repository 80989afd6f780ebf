import type { QueryResult } from '../../domain/query.js';
import type { QuerySummary } from './schemas.js';

export interface QueryLog {
  add(result: QueryResult): void;
  /** Newest first, at most `limit`. */
  latest(limit?: number): QuerySummary[];
  /** A position to ask `since` about later. */
  readonly position: number;
  /** Queries added after `position`, newest first, at most `limit`. */
  since(position: number, limit?: number): QuerySummary[];
}

function summarize(result: QueryResult): QuerySummary {
  return {
    queryId: result.queryId,
    conversationId: result.conversationId,
    customerId: result.customerId,
    createdAt: result.createdAt,
    language: result.language,
    intent: result.intent,
    department: result.department,
    confidence: result.confidence,
    priority: result.priority,
    handoffs: result.handoffs.length,
    escalated: result.escalated,
    ticketId: result.ticketId,
    latencyMs: result.timings.totalMs,
  };
}

/**
 * The latest answered queries in a ring of `capacity`. Results are kept as given and summarised when
 * read: under load most are overwritten before anyone looks.
 */
export function createQueryLog(capacity: number): QueryLog {
  const ring: QueryResult[] = [];
  let added = 0;

  const read = (count: number): QuerySummary[] => {
    const out: QuerySummary[] = [];
    for (let i = 1; i <= count; i++) {
      const result = ring[(added - i) % capacity];
      if (result) out.push(summarize(result));
    }
    return out;
  };

  return {
    add(result) {
      ring[added % capacity] = result;
      added++;
    },
    latest: (limit = capacity) => read(Math.min(limit, capacity, added)),
    get position() {
      return added;
    },
    since: (position, limit = capacity) => read(Math.min(limit, capacity, added - position)),
  };
}
