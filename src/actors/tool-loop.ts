import type { Usage } from '../domain/query.js';
import type { ToolProfile } from '../domain/desk-profile.js';
import type { AnswerRequest, AnswerResult, ToolStep } from '../llm/index.js';
import type { ActorContext } from '../runtime/index.js';

/**
 * What the desk's `actions.call` answers for one call a model asked for (src/desk/action-service):
 * the result the model reads, and the record of the call for the trail, which the loop only passes on.
 */
export interface ToolCallReply<CallRecord = unknown> {
  ok: boolean;
  /** The error code when it failed. */
  code?: string;
  /** JSON for the model: the backend's answer, or `{"error": {code, message}}`. */
  result: string;
  /** Absent when no call was attempted (arguments that are not a JSON object). */
  call?: CallRecord;
}

export interface ToolLoopInput {
  /** The answer request as without tools; each round adds the tools and the rounds so far. */
  request: AnswerRequest;
  tools: ToolProfile[];
  /** Calls on the backend per answer; a model asking for more is cut off. */
  maxToolCalls: number;
  /** Who the calls are for: from the desk's own message, never from the model. */
  context: { conversationId: string; customerId: string; department: string };
}

export type ToolLoopOutcome =
  /** The model's answer; `calls` are the records of the calls made on the way. */
  | { kind: 'answered'; text: string; calls: unknown[]; usage: Usage; llmMs: number }
  /**
   * No answer to give: a call failed on the backend, the model kept calling past the bound, the LLM
   * failed once calls were made, or its answer was guarded. A person takes it; nothing the model might have made up reaches the customer.
   */
  | {
      kind: 'failed';
      why: 'action_failed' | 'bound' | 'llm_failed' | 'guarded';
      calls: unknown[];
      usage: Usage;
      llmMs: number;
    }
  /** The LLM could not be used (before any call was made): answer offline. */
  | { kind: 'unavailable'; usage: Usage; llmMs: number };

/** Failures the model cannot mend by asking again: the backend did not give a result. */
const BACKEND_FAILURES = new Set(['ACTION_FAILED', 'ACTION_TIMEOUT', 'ACTION_UNAVAILABLE']);

const LIMIT_REACHED = JSON.stringify({
  error: { code: 'TOOL_CALL_LIMIT', message: 'no more calls for this question: answer with what you have' },
});

/**
 * The tool loop of LLM mode, driven here beside the agent: the model answers or asks for calls, the
 * desk's `actions` service makes them (checking the arguments, adding the customer's id), their
 * results go back to the model, until it answers. Bounded by `maxToolCalls` calls per answer.
 */
export async function runToolLoop(
  ctx: Pick<ActorContext, 'call'>,
  input: ToolLoopInput,
): Promise<ToolLoopOutcome> {
  const steps: ToolStep[] = [];
  const calls: unknown[] = [];
  let usage: Usage = { llmCalls: 0, promptTokens: 0, completionTokens: 0 };
  let llmMs = 0;
  let budget = input.maxToolCalls;
  for (;;) {
    const result = await ctx.call<AnswerResult | null>('llm', 'answer', {
      ...input.request,
      tools: input.tools,
      steps,
    } satisfies AnswerRequest);
    if (!result) {
      // Calls already made cannot be answered offline without making them again: a person takes it.
      if (calls.length > 0) return { kind: 'failed', why: 'llm_failed', calls, usage, llmMs };
      return { kind: 'unavailable', usage, llmMs };
    }
    usage = {
      llmCalls: usage.llmCalls + 1,
      promptTokens: usage.promptTokens + result.usage.promptTokens,
      completionTokens: usage.completionTokens + result.usage.completionTokens,
    };
    llmMs += result.latencyMs;
    if (result.guarded) return { kind: 'failed', why: 'guarded', calls, usage, llmMs };
    const asked = result.toolCalls ?? [];
    if (asked.length === 0) {
      const text = [...steps.map((step) => step.text), result.text].filter((t) => t !== '').join('\n\n');
      return { kind: 'answered', text, calls, usage, llmMs };
    }
    if (budget === 0) return { kind: 'failed', why: 'bound', calls, usage, llmMs };
    const step: ToolStep = { text: result.text, calls: [] };
    for (const call of asked) {
      if (budget === 0) {
        step.calls.push({ call, result: LIMIT_REACHED });
        continue;
      }
      budget -= 1;
      const reply = await ctx.call<ToolCallReply>('actions', 'call', {
        name: call.name,
        arguments: call.arguments,
        ...input.context,
      });
      if (reply.call !== undefined) calls.push(reply.call);
      if (!reply.ok && reply.code !== undefined && BACKEND_FAILURES.has(reply.code))
        return { kind: 'failed', why: 'action_failed', calls, usage, llmMs };
      step.calls.push({ call, result: reply.result });
    }
    steps.push(step);
  }
}
