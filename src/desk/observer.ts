import type { QueryResult } from '../domain/query.js';

export interface LlmCallRecord {
  agent: string;
  queryId: string;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
  outcome: 'ok' | 'error' | 'fallback';
  errorCode?: string;
}

/**
 * Hooks the desk calls as work happens; the HTTP process turns them into metrics and logs. Every
 * method is optional and must not throw (a failing observer never fails a query).
 */
export interface DeskObserver {
  queryCompleted?(result: QueryResult): void;
  queryFailed?(code: string): void;
  llmCall?(record: LlmCallRecord): void;
  learning?(outcome: { applied: boolean; intent: string; reason?: string }): void;
}
