import type { MessagePort } from 'node:worker_threads';
import type { SerializedError } from '../../runtime/index.js';
import type { LlmConfig } from '../config.js';
import type { OutputCheckOptions } from '../guardrails/index.js';
import type {
  ChatMessage,
  ChatResult,
  CompletionResult,
  DialogueMessage,
  LlmUsage,
  ToolDefinition,
} from '../llm.js';
import type { LlmHealth } from '../llm-health.js';
import type { JsonSchemaFormat } from '../structured-output.js';

/** What crosses between the main thread and the LLM thread: types only. */

export interface LlmThreadData {
  config: LlmConfig;
  /** Every stream's tokens come back on this one port, batched per turn of the thread's event loop. */
  tokens: MessagePort;
}

interface CallHead {
  /** Names the call for its tokens and for `abort`. */
  callId: number;
  agent: string;
  queryId: string;
  messages: ChatMessage[];
  /** The caller passed a signal: the thread keeps an AbortController for the call. */
  abortable: boolean;
}

export interface CompleteCall extends CallHead {
  /** Tokens are wanted: stream the completion and send what passes the guard on the token port. */
  stream: boolean;
  guard?: OutputCheckOptions;
}

/** A dialogue turn with tools; its messages may hold earlier calls and their results. */
interface ChatCall extends Omit<CompleteCall, 'messages'> {
  messages: DialogueMessage[];
  tools: ToolDefinition[];
}

interface StructuredCall extends CallHead {
  responseFormat: JsonSchemaFormat;
}

interface StructuredValue {
  value: unknown;
  usage: LlmUsage;
  latencyMs: number;
}

/** Calls resolve instead of rejecting: an error thrown through comlink would lose its code. */
export type Settled<T> =
  { ok: true; value: T; health: LlmHealth } | { ok: false; error: SerializedError; health: LlmHealth };

/** `[callId, text]` pairs in the order the text passed the guard. */
export type TokenBatch = Array<[number, string]>;

/** The LLM thread's side, exposed with comlink. */
export interface LlmThreadApi {
  complete(call: CompleteCall): Promise<Settled<CompletionResult>>;
  chat(call: ChatCall): Promise<Settled<ChatResult>>;
  structured(call: StructuredCall): Promise<Settled<StructuredValue>>;
  abort(callId: number): void;
}
