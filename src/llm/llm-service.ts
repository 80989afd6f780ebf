import { z } from 'zod';
import type { Usage, StreamEvent } from '../domain/query.js';
import { SwarmError } from '../runtime/index.js';
import { LlmInvalidOutputError } from './errors/index.js';
import { checkInput, safeAnswer, type GuardVerdict, type InputCheckOptions } from './guardrails/index.js';
import type { ChatResult, LlmPort, LlmUsage } from './llm.js';
import { answerMessages, classifyMessages, toolDialogue } from './prompts.js';
import type { AnswerRequest, AnswerResult, ClassifyRequest, ClassifyResult, LlmService } from './service.js';

type LlmCallOutcome = 'ok' | 'error' | 'fallback';

/** One accounting record per service call; metrics and per-query usage hang on it. */
export interface LlmCallRecord {
  method: 'answer' | 'classify';
  agent: string;
  /** The agent's type: a fixed set, where ids grow as pools scale. */
  agentType: string;
  queryId: string;
  latencyMs: number;
  usage: LlmUsage;
  /**
   * `ok`: the LLM's output is used. `error`: the call failed (`errorCode`) and the agent answers
   * offline. `fallback`: the service chose not to use the LLM's output: the input check refused the
   * question (no call made) or the output check replaced the answer.
   */
  outcome: LlmCallOutcome;
  errorCode?: string;
}

export interface LlmServiceOptions {
  publish: (queryId: string, event: StreamEvent) => void;
  onCall?: (record: LlmCallRecord) => void;
}

/** The host service agents reach with `ctx.call('llm', method, ...)`: the contract plus helpers. */
export interface LlmHostService extends LlmService {
  checkInput(text: string, options?: InputCheckOptions): GuardVerdict;
  /** The query's LLM usage so far; forgets it, so call once when the query is done. */
  takeUsage(queryId: string): Usage;
}

const INPUT_REJECTED = 'LLM_INPUT_REJECTED';
const OUTPUT_GUARDED = 'LLM_OUTPUT_GUARDED';
const NO_USAGE: LlmUsage = { promptTokens: 0, completionTokens: 0 };
// Usage of queries nobody collected is dropped oldest-first, so a forgotten query cannot leak memory.
const MAX_TRACKED_QUERIES = 10_000;

export function createLlmService(port: LlmPort, options: LlmServiceOptions): LlmHostService {
  const usageByQuery = new Map<string, Usage>();

  const record = (entry: LlmCallRecord): void => {
    const usage = usageByQuery.get(entry.queryId) ?? { llmCalls: 0, promptTokens: 0, completionTokens: 0 };
    usageByQuery.delete(entry.queryId);
    const called = entry.errorCode !== INPUT_REJECTED;
    usageByQuery.set(entry.queryId, {
      llmCalls: usage.llmCalls + (called ? 1 : 0),
      promptTokens: usage.promptTokens + entry.usage.promptTokens,
      completionTokens: usage.completionTokens + entry.usage.completionTokens,
    });
    if (usageByQuery.size > MAX_TRACKED_QUERIES) {
      const oldest = usageByQuery.keys().next().value;
      if (oldest !== undefined) usageByQuery.delete(oldest);
    }
    options.onCall?.(entry);
  };

  const failed = (
    method: LlmCallRecord['method'],
    request: { agent: string; agentType: string; queryId: string },
    error: unknown,
    startedAt: number,
  ): null => {
    record({
      method,
      agent: request.agent,
      agentType: request.agentType,
      queryId: request.queryId,
      latencyMs: performance.now() - startedAt,
      usage: NO_USAGE,
      outcome: 'error',
      errorCode: error instanceof SwarmError ? error.code : 'LLM_FAILED',
    });
    return null;
  };

  return {
    checkInput,

    takeUsage(queryId) {
      const usage = usageByQuery.get(queryId) ?? { llmCalls: 0, promptTokens: 0, completionTokens: 0 };
      usageByQuery.delete(queryId);
      return usage;
    },

    async answer(request: AnswerRequest): Promise<AnswerResult | null> {
      const startedAt = performance.now();
      const { agent, agentType, queryId } = request;
      const input = checkInput(request.question, { customerId: request.customer?.customerId });
      if (!input.ok) {
        record({
          method: 'answer',
          agent,
          agentType,
          queryId,
          latencyMs: 0,
          usage: NO_USAGE,
          outcome: 'fallback',
          errorCode: INPUT_REJECTED,
        });
        return null;
      }
      const steps = request.steps ?? [];
      // Text the model wrote in earlier rounds was streamed already: this round's follows a blank line.
      let separator = steps.some((step) => step.text !== '') ? '\n\n' : '';
      const token = (delta: string): void => {
        options.publish(queryId, { type: 'token', queryId, delta: separator + delta, agent });
        separator = '';
      };
      const guard = {
        customer: request.customer,
        allowedSources: [
          ...request.articles.map((article) => article.body),
          request.question,
          ...request.history.filter((message) => message.role === 'user').map((message) => message.content),
          // What the company's own systems returned for this customer may be repeated to them.
          ...steps.flatMap((step) => step.calls.map((call) => call.result)),
        ],
      };
      const stream = request.stream ? { onToken: token } : {};
      try {
        // The port runs the stream guard where the stream is parsed (the LLM thread): only text that
        // passed it is published.
        const tools = request.tools ?? [];
        const result: ChatResult =
          tools.length > 0
            ? await port.chat({
                agent,
                queryId,
                messages: toolDialogue(request, steps),
                tools,
                guard,
                ...stream,
              })
            : {
                ...(await port.complete({
                  agent,
                  queryId,
                  messages: answerMessages(request),
                  guard,
                  ...stream,
                })),
                toolCalls: [],
              };
        // No verdict means the port did not check: fail closed. An answer not asked to stream
        // publishes nothing: the router streams the response it becomes part of.
        const guarded = result.guard?.ok !== true;
        record({
          method: 'answer',
          agent,
          agentType,
          queryId,
          latencyMs: result.latencyMs,
          usage: result.usage,
          outcome: guarded ? 'fallback' : 'ok',
          ...(guarded ? { errorCode: OUTPUT_GUARDED } : {}),
        });
        const { toolCalls } = result;
        return {
          text: guarded ? safeAnswer(request.language) : result.text,
          ...(toolCalls.length > 0 && !guarded ? { toolCalls } : {}),
          usage: result.usage,
          latencyMs: result.latencyMs,
          guarded,
        };
      } catch (error) {
        return failed('answer', request, error, startedAt);
      }
    },

    async classify(request: ClassifyRequest): Promise<ClassifyResult | null> {
      const startedAt = performance.now();
      const [first, ...rest] = request.candidates.map((candidate) => candidate.intent);
      if (first === undefined) return null;
      const schema = z.object({ intent: z.enum([first, ...rest]), confidence: z.number().min(0).max(1) });
      try {
        const { value, usage, latencyMs } = await port.structured({
          agent: request.agent,
          queryId: request.queryId,
          messages: classifyMessages(request),
          schema,
          schemaName: 'intent_classification',
        });
        const candidate = request.candidates.find((c) => c.intent === value.intent);
        // The enum already holds the model to the candidates; this only satisfies the type.
        if (!candidate) throw new LlmInvalidOutputError(`intent ${value.intent} is not a candidate`);
        record({
          method: 'classify',
          agent: request.agent,
          agentType: request.agentType,
          queryId: request.queryId,
          latencyMs,
          usage,
          outcome: 'ok',
        });
        return {
          intent: value.intent,
          department: candidate.department,
          confidence: value.confidence,
          usage,
          latencyMs,
        };
      } catch (error) {
        return failed('classify', request, error, startedAt);
      }
    },
  };
}
