import type { ActionCallRecord } from '../actions/index.js';
import type { QueryResult } from '../domain/query.js';

export interface LlmCallRecord {
  agent: string;
  /** The agent's type (its pool): metrics are labelled by this, never by the id. */
  agentType: string;
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
  /** A call on one of the desk's actions (never its arguments or headers). */
  actionCall?(record: ActionCallRecord): void;
  learning?(outcome: { applied: boolean; intent: string; reason?: string }): void;
}
