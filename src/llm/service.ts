import type { Customer } from '../domain/customer.js';
import type { Department, Language } from '../domain/vocabulary.js';
import type { Article } from '../knowledge/knowledge-base.js';
import type { ChatMessage, LlmUsage, ToolCall, ToolDefinition } from './llm.js';

/** One earlier round of a dialogue with tools: what the model said, the calls it made and their results. */
export interface ToolStep {
  text: string;
  calls: Array<{ call: ToolCall; result: string }>;
}

/**
 * What agents ask of the LLM, as a host service (`ctx.call('llm', method, request)`): the service runs
 * on the main thread, where the concurrency cap and the circuit breaker are shared by every agent.
 * Each method resolves `null` when the LLM cannot be used (down, breaker open, timed out, invalid
 * output): the agent then answers offline. They never reject.
 */
export interface AnswerRequest {
  queryId: string;
  agent: string;
  /**
   * The agent's type (its pool): metrics are labelled by it, a fixed set, where ids grow without end
   * as pools scale up and down.
   */
  agentType: string;
  department: Department;
  language: Language;
  question: string;
  /** Only the requesting customer's record ever reaches the prompt. */
  customer: Customer | null;
  articles: Article[];
  history: ChatMessage[];
  /**
   * Someone listens to the query's stream: ask for a streamed completion and forward it as `token`
   * events through the stream guard. Otherwise one whole completion, checked once: parsing a stream of
   * chunks costs the main thread several times more for a reply nobody watches arrive.
   */
  stream: boolean;
  /** Functions the model may call (the department's actions); the caller makes the calls. */
  tools?: ToolDefinition[];
  /** The rounds so far of this answer's tool loop, oldest first. */
  steps?: ToolStep[];
}

export interface AnswerResult {
  /** In a round that called tools, what the model said beside the calls (often nothing). */
  text: string;
  /** Non-empty: the model asks for these calls; send their results back in `steps` for its answer. */
  toolCalls?: ToolCall[];
  usage: LlmUsage;
  latencyMs: number;
  /** The output check failed: `text` is the safe replacement and the case must be escalated. */
  guarded: boolean;
}

export interface ClassifyRequest {
  queryId: string;
  agent: string;
  /**
   * The agent's type (its pool): metrics are labelled by it, a fixed set, where ids grow without end
   * as pools scale up and down.
   */
  agentType: string;
  text: string;
  language: Language;
  candidates: Array<{ intent: string; department: Department; description: string }>;
}

export interface ClassifyResult {
  intent: string;
  department: Department;
  confidence: number;
  usage: LlmUsage;
  latencyMs: number;
}

export interface LlmService {
  answer(request: AnswerRequest): Promise<AnswerResult | null>;
  classify(request: ClassifyRequest): Promise<ClassifyResult | null>;
}
