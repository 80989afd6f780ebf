import { z } from 'zod';
import { LlmConfigError } from './errors/index.js';

export const BreakerConfig = z.object({
  /** Consecutive failed attempts that open the breaker. */
  failureThreshold: z.number().int().positive().default(5),
  /** Failure share over the last `windowSize` attempts that opens it (once `minimumCalls` were seen). */
  failureRate: z.number().gt(0).max(1).default(0.5),
  windowSize: z.number().int().positive().default(20),
  minimumCalls: z.number().int().positive().default(10),
  /** How long an open breaker rejects before letting one probe through. */
  cooldownMs: z.number().int().positive().default(30_000),
});
export type BreakerConfig = z.infer<typeof BreakerConfig>;

export const LlmConfig = z.object({
  /** Any OpenAI-compatible endpoint (Azure OpenAI v1, Ollama, vLLM, llama.cpp, LM Studio); default OpenAI. */
  baseURL: z.url().optional(),
  /** Local servers ignore it; a placeholder is sent when absent because the client requires one. */
  apiKey: z.string().min(1).optional(),
  model: z.string().min(1).default('gpt-4o-mini'),
  /** Per attempt, from the moment a concurrency slot is held until the last byte. */
  timeoutMs: z.number().int().positive().default(15_000),
  maxRetries: z.number().int().min(0).max(10).default(2),
  retryBaseDelayMs: z.number().int().nonnegative().default(250),
  /** Cap for both the exponential backoff and a server's `Retry-After` hint. */
  retryMaxDelayMs: z.number().int().nonnegative().default(8_000),
  concurrency: z.number().int().positive().default(16),
  maxQueue: z.number().int().nonnegative().default(256),
  temperature: z.number().min(0).max(2).optional(),
  /** Sent as `max_tokens`; unset leaves the server's default. */
  maxOutputTokens: z.number().int().positive().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  breaker: BreakerConfig.default(BreakerConfig.parse({})),
});
export type LlmConfig = z.infer<typeof LlmConfig>;
export type LlmConfigInput = z.input<typeof LlmConfig>;

/** Validates once at start-up; the error names the offending option. */
export function parseLlmConfig(input: LlmConfigInput): LlmConfig {
  const parsed = LlmConfig.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new LlmConfigError(issue?.path.join('.') ?? '(root)', issue?.message ?? 'invalid');
}

const ENV_OPTIONS = {
  SWARM_LLM_CONCURRENCY: 'concurrency',
  SWARM_LLM_MAX_QUEUE: 'maxQueue',
  SWARM_LLM_TIMEOUT_MS: 'timeoutMs',
  SWARM_LLM_MAX_RETRIES: 'maxRetries',
} as const;

/**
 * LLM mode is on only when an endpoint is configured (`OPENAI_API_KEY` or `OPENAI_BASE_URL`);
 * otherwise `undefined` and the desk answers offline.
 */
export function llmConfigFromEnv(env: Record<string, string | undefined>): LlmConfig | undefined {
  const apiKey = env.OPENAI_API_KEY || undefined;
  const baseURL = env.OPENAI_BASE_URL || undefined;
  if (apiKey === undefined && baseURL === undefined) return undefined;
  const input: LlmConfigInput = { apiKey, baseURL, model: env.OPENAI_MODEL || undefined };
  for (const [name, option] of Object.entries(ENV_OPTIONS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new LlmConfigError(`${option} (${name})`, `not a number: ${raw}`);
    input[option] = value;
  }
  return parseLlmConfig(input);
}
