import OpenAI from 'openai';
import type { Clock } from '../runtime/index.js';
import { parseLlmConfig, type LlmConfig, type LlmConfigInput } from './config.js';
import { chatAttempt, type AttemptOutput, type ChatBody } from './chat-attempt.js';
import { describeFailure, type AttemptFailure } from './attempt-failure.js';
import { createNodeFetch } from './node-fetch.js';
import { LlmAbortedError, LlmInvalidOutputError, LlmUnavailableError } from './errors/index.js';
import { createStreamGuard } from './guardrails/index.js';
import type {
  ChatRequest,
  ChatResult,
  CompletionRequest,
  CompletionResult,
  DialogueMessage,
  LlmPort,
  LlmUsage,
  StructuredRequest,
  ToolDefinition,
} from './llm.js';
import { CircuitBreaker, ConcurrencyLimiter, backoffDelay } from './resilience/index.js';
import {
  jsonSchemaFormat,
  parseStructured,
  schemaOfFormat,
  type JsonSchemaFormat,
} from './structured-output.js';
import { usageOf } from './usage.js';

export interface LlmDeps {
  /** Drives the breaker's cool-down, the per-attempt timeout and the backoff sleeps. */
  clock?: Clock;
  /** Jitter source, in [0, 1). */
  random?: () => number;
}

const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

// The client insists on a key; local servers (Ollama, vLLM, llama.cpp, LM Studio) ignore it.
const PLACEHOLDER_API_KEY = 'not-needed';
const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** A structured call from a caller that holds only the JSON Schema (another thread): no zod schema crosses. */
interface JsonStructuredRequest extends Omit<CompletionRequest, 'onToken' | 'guard'> {
  responseFormat: JsonSchemaFormat;
}

/** The port plus what the LLM thread needs: structured output validated against a JSON Schema. */
export interface LlmEngine extends LlmPort {
  /** The model's JSON, checked against `responseFormat`'s schema here, where it is parsed. */
  structuredJson(
    request: JsonStructuredRequest,
  ): Promise<{ value: unknown; usage: LlmUsage; latencyMs: number }>;
}

/**
 * An LlmPort over any OpenAI-compatible chat-completions endpoint. The client's own retries are off:
 * retries, timeouts, the breaker and the concurrency cap live here so they are shared by every call.
 */
export function createLlm(input: LlmConfigInput, deps: LlmDeps = {}): LlmPort {
  return createLlmEngine(input, deps);
}

function proxied(env: NodeJS.ProcessEnv): boolean {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => Boolean(env[name]));
}

/** `createLlm` as the LLM thread runs it. */
export function createLlmEngine(input: LlmConfigInput, deps: LlmDeps = {}): LlmEngine {
  const config: LlmConfig = parseLlmConfig(input);
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const client = new OpenAI({
    apiKey: config.apiKey ?? PLACEHOLDER_API_KEY,
    baseURL: config.baseURL ?? OPENAI_BASE_URL,
    maxRetries: 0,
    // A backstop only: the attempt's own abort fires first and is reported as LLM_TIMEOUT.
    timeout: config.timeoutMs + 5_000,
    defaultHeaders: config.headers,
    // The client logs unparsable stream frames verbatim, and those can hold customer text.
    logLevel: 'off',
    // A proxy set in the environment is the global fetch's to honour (Node's NODE_USE_ENV_PROXY).
    ...(proxied(process.env) ? {} : { fetch: createNodeFetch() }),
  });
  const breaker = new CircuitBreaker(config.breaker, () => clock.now());
  const limiter = new ConcurrencyLimiter(config.concurrency, config.maxQueue);

  const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
    new Promise((resolve, reject) => {
      const onAbort = (): void => {
        clock.clearTimeout(handle);
        reject(new LlmAbortedError());
      };
      const handle = clock.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  async function attemptWithTimeout(
    body: ChatBody,
    request: Pick<CompletionRequest, 'signal'>,
    onToken: ((delta: string) => void) | undefined,
  ): Promise<AttemptOutput> {
    const controller = new AbortController();
    const cause = { timedOut: false, callerAborted: false, timeoutMs: config.timeoutMs };
    const timer = clock.setTimeout(() => {
      cause.timedOut = true;
      controller.abort();
    }, config.timeoutMs);
    const onCallerAbort = (): void => {
      cause.callerAborted = true;
      controller.abort();
    };
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      return await chatAttempt(client, body, controller.signal, onToken);
    } catch (error) {
      throw describeFailure(error, cause);
    } finally {
      clock.clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /**
   * One attempt in a slot of the limiter, given back before any backoff so that a retry waits its
   * turn under the limit as it stands then.
   */
  async function attemptInSlot(
    body: ChatBody,
    request: Pick<CompletionRequest, 'signal'>,
    onToken: ((delta: string) => void) | undefined,
  ): Promise<{ output: AttemptOutput } | { failure: AttemptFailure }> {
    const release = await limiter.acquire(request.signal);
    const generation = limiter.generation;
    try {
      const permit = breaker.tryAcquire();
      if (!permit) throw new LlmUnavailableError(breaker.state, breaker.retryInMs());
      try {
        const output = await attemptWithTimeout(body, request, onToken);
        breaker.recordSuccess(permit);
        limiter.succeeded();
        return { output };
      } catch (thrown) {
        const failure = thrown as AttemptFailure;
        if (failure.overload) limiter.overloaded(generation);
        // An overloaded server is sent fewer calls; it counts as down only when it refuses even one.
        if (failure.serverFault === true && (!failure.overload || limiter.limit === 1)) {
          // Whoever comes after an outage starts again from one call (the limiter's slow start).
          if (breaker.recordFailure(permit)) limiter.restart();
        } else if (failure.serverFault === false) breaker.recordSuccess(permit);
        else breaker.release(permit);
        return { failure };
      }
    } finally {
      release();
    }
  }

  async function call(
    body: ChatBody,
    request: Pick<CompletionRequest, 'signal' | 'onToken'>,
  ): Promise<AttemptOutput & { latencyMs: number }> {
    const startedAt = clock.now();
    let streamed = false;
    const onToken = request.onToken
      ? (delta: string): void => {
          streamed = true;
          request.onToken?.(delta);
        }
      : undefined;
    for (let attempt = 1; ; attempt += 1) {
      if (request.signal?.aborted) throw new LlmAbortedError();
      // Before the limiter's queue: while a probe is out, a waiting call could only be refused later.
      if (!breaker.admits()) throw new LlmUnavailableError(breaker.state, breaker.retryInMs());
      const outcome = await attemptInSlot(body, request, onToken);
      if ('output' in outcome) return { ...outcome.output, latencyMs: clock.now() - startedAt };
      const { failure } = outcome;
      // Tokens already reached the customer: a retry would repeat them, so the call fails instead.
      if (!failure.retryable || attempt > config.maxRetries || streamed) throw failure.toError(attempt);
      const delay =
        failure.retryAfterMs ??
        backoffDelay(attempt - 1, {
          baseDelayMs: config.retryBaseDelayMs,
          maxDelayMs: config.retryMaxDelayMs,
          random,
        });
      await sleep(Math.min(delay, config.retryMaxDelayMs), request.signal);
    }
  }

  const bodyOf = (messages: DialogueMessage[], tools: ToolDefinition[] = []): ChatBody => ({
    model: config.model,
    messages: messages.map(wireMessage),
    ...(tools.length === 0 ? {} : { tools: tools.map(wireTool) }),
    ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
    ...(config.maxOutputTokens === undefined ? {} : { max_tokens: config.maxOutputTokens }),
  });

  async function converse(request: Omit<ChatRequest, 'tools'>, tools: ToolDefinition[]): Promise<ChatResult> {
    const { guard: guardOptions, onToken } = request;
    // The guard sits where the stream is parsed, so only text that passed it reaches onToken.
    const guard = guardOptions && createStreamGuard(guardOptions, (text) => onToken?.(text));
    const output = await call(bodyOf(request.messages, tools), {
      signal: request.signal,
      onToken: onToken && guard ? (delta) => guard.push(delta) : onToken,
    });
    if (output.text.trim() === '' && output.toolCalls.length === 0)
      throw new LlmInvalidOutputError('empty content');
    return {
      text: output.text,
      toolCalls: output.toolCalls,
      usage: usageOf(output.usage, request.messages, output.text),
      latencyMs: output.latencyMs,
      ...(guard ? { guard: guard.finish(output.text) } : {}),
    };
  }

  return {
    model: config.model,

    async complete(request: CompletionRequest): Promise<CompletionResult> {
      const { toolCalls: _none, ...result } = await converse(request, []);
      return result;
    },

    chat: (request: ChatRequest) => converse(request, request.tools),

    async structured<T>(request: StructuredRequest<T>) {
      const body = {
        ...bodyOf(request.messages),
        response_format: jsonSchemaFormat(request.schema, request.schemaName),
      };
      const output = await call(body, { signal: request.signal });
      return {
        value: parseStructured(output.text, request.schema),
        usage: usageOf(output.usage, request.messages, output.text),
        latencyMs: output.latencyMs,
      };
    },

    async structuredJson(request: JsonStructuredRequest) {
      const output = await call(
        { ...bodyOf(request.messages), response_format: request.responseFormat },
        { signal: request.signal },
      );
      return {
        value: parseStructured(output.text, schemaOfFormat(request.responseFormat)),
        usage: usageOf(output.usage, request.messages, output.text),
        latencyMs: output.latencyMs,
      };
    },

    health() {
      return {
        breaker: breaker.state,
        inFlight: limiter.inFlight,
        queued: limiter.queued,
        limit: limiter.limit,
      };
    },
  };
}

function wireMessage(message: DialogueMessage): OpenAI.Chat.ChatCompletionMessageParam {
  if (message.role === 'tool')
    return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  if (message.role === 'assistant' && 'toolCalls' in message && message.toolCalls.length > 0) {
    return {
      role: 'assistant',
      content: message.content === '' ? null : message.content,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: 'function' as const,
        function: { name: call.name, arguments: call.arguments },
      })),
    };
  }
  return { role: message.role, content: message.content };
}

function wireTool(tool: ToolDefinition): OpenAI.Chat.ChatCompletionFunctionTool {
  return {
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  };
}
