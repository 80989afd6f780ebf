import type { StreamEvent } from '../domain/query.js';
import { createLlmService, createLlmThread, type LlmHealth, type LlmHostService } from '../llm/index.js';
import type { ResolvedDeskOptions } from './desk-options.js';
import type { DeskObserver } from './observer.js';

/** Calls an observer hook; a throwing observer never fails a query. */
export function notify(fn: () => void): void {
  try {
    fn();
  } catch {
    // The observer contract says hooks must not throw; one that does is ignored, not propagated.
  }
}

export interface LlmWiring {
  service: LlmHostService;
  /** The breaker, the calls in flight and queued, and the concurrency limit now. */
  health(): LlmHealth;
  /** Ends the LLM thread. */
  close(): Promise<void>;
}

/**
 * The LLM service of LLM mode: the OpenAI-compatible port, on a thread of its own, behind the service
 * that streams tokens to the query's listeners (`publish`) and reports every call to the observer.
 */
export function buildLlmService(
  config: NonNullable<ResolvedDeskOptions['llm']>,
  publish: (queryId: string, event: StreamEvent) => void,
  observer: DeskObserver,
): LlmWiring {
  const port = createLlmThread({
    model: config.model,
    concurrency: config.concurrency,
    timeoutMs: config.timeoutMs,
    ...(config.baseURL ? { baseURL: config.baseURL } : {}),
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
  });
  const service = createLlmService(port, {
    publish,
    onCall: (record) =>
      notify(() =>
        observer.llmCall?.({
          agent: record.agent,
          agentType: record.agentType,
          queryId: record.queryId,
          latencyMs: record.latencyMs,
          promptTokens: record.usage.promptTokens,
          completionTokens: record.usage.completionTokens,
          outcome: record.outcome,
          ...(record.errorCode ? { errorCode: record.errorCode } : {}),
        }),
      ),
  });
  return { service, health: () => port.health(), close: () => port.close() };
}
