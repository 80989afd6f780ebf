import type { z } from 'zod';
import type { GuardVerdict, OutputCheckOptions } from './guardrails/index.js';
import type { LlmHealth } from './llm-health.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A function call the model asked for; `arguments` is its JSON text, unparsed and unchecked. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A function the model may call: `parameters` is its arguments' JSON Schema. */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** A message of a dialogue with tools: the plain ones, a turn that called tools, and a call's result. */
export type DialogueMessage =
  | ChatMessage
  | { role: 'assistant'; content: string; toolCalls: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
  /** The server reported no usage, so the counts are a rough estimate from character counts. */
  estimated?: boolean;
}

export interface CompletionRequest {
  /** Who is asking (an agent id); usage is accounted per agent. */
  agent: string;
  /** Usage and tokens are accounted per query. */
  queryId: string;
  messages: ChatMessage[];
  /** Called with each text delta as it arrives; absent = non-streaming call. */
  onToken?: (delta: string) => void;
  /**
   * Run the output check on the answer where it is parsed: `onToken` then receives only text that
   * passed the stream guard, and the result carries the verdict on the whole answer.
   */
  guard?: OutputCheckOptions;
  signal?: AbortSignal;
}

export interface CompletionResult {
  text: string;
  usage: LlmUsage;
  latencyMs: number;
  /** The output check's verdict, when the request asked for one. */
  guard?: GuardVerdict;
}

export interface ChatRequest extends Omit<CompletionRequest, 'messages'> {
  messages: DialogueMessage[];
  tools: ToolDefinition[];
}

/** The model's text (possibly empty when it called tools) and the calls it asked for, in order. */
export interface ChatResult extends CompletionResult {
  toolCalls: ToolCall[];
}

export interface StructuredRequest<T> extends Omit<CompletionRequest, 'onToken' | 'guard'> {
  schema: z.ZodType<T>;
  schemaName: string;
}

/**
 * An OpenAI-compatible chat model behind timeouts, retries, a circuit breaker and a concurrency cap.
 * Every method rejects with a SwarmError (`LLM_*` codes) that callers turn into the offline fallback.
 */
export interface LlmPort {
  readonly model: string;
  complete(request: CompletionRequest): Promise<CompletionResult>;
  /**
   * One turn of a dialogue with tools: the model answers or asks for calls, which the caller makes
   * and sends back as `tool` messages in its next turn. Empty text with no call rejects with
   * `LLM_INVALID_OUTPUT`; the guard, when asked for, checks the text only.
   */
  chat(request: ChatRequest): Promise<ChatResult>;
  /** A JSON answer validated against `schema`; invalid or empty output rejects with `LLM_INVALID_OUTPUT`. */
  structured<T>(request: StructuredRequest<T>): Promise<{ value: T; usage: LlmUsage; latencyMs: number }>;
  /**
   * Breaker state and queue, for metrics and the console; `limit` is how many calls the concurrency cap
   * lets in now (below the configured cap while the server says it is overloaded).
   */
  health(): LlmHealth;
}
