import { z } from 'zod';
import { ApiKeySpec, ProxyAddress } from '../http/index.js';
import { DoubleTextPolicy } from '../domain/vocabulary.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(min: number, max: number) {
  const message = `must be an integer between ${min} and ${max}`;
  return z
    .string()
    .trim()
    .regex(/^-?\d+$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));
}

function optional<T extends z.ZodType>(schema: T) {
  return schema.optional();
}

const url = z.string().trim().url('must be a URL (for example redis://127.0.0.1:6379)');

/** `rate:burst`, a bare rate (burst = twice the rate) or `off`. */
const rateLimit = z
  .string()
  .trim()
  .regex(/^(off|\d+(\.\d+)?(:\d+)?)$/, 'must be `rate:burst` (for example 50:100), a rate, or off')
  .transform((raw) => {
    if (raw === 'off') return null;
    const [rate = '0', burst] = raw.split(':');
    const ratePerSecond = Number(rate);
    return {
      ratePerSecond,
      burst: burst === undefined ? Math.max(1, Math.ceil(ratePerSecond * 2)) : Number(burst),
    };
  })
  .refine((limit) => limit === null || (limit.ratePerSecond > 0 && limit.burst >= 1), {
    message: 'must have a rate above 0 and a burst of at least 1 (or be off)',
  });

const keyList = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key.length > 0),
  )
  .refine((keys) => keys.length > 0, { message: 'must list at least one key (comma-separated)' })
  .pipe(z.array(ApiKeySpec));

const proxyList = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0),
  )
  .pipe(z.array(ProxyAddress));

/**
 * The environment as the process reads it: keys are variable names so an issue's path names the
 * variable. Values are strings (or absent); defaults are filled in from CONFIG_VARIABLES first.
 */
export const EnvSchema = z.object({
  HOST: z.string().trim().min(1, 'must not be empty'),
  PORT: integer(1, 65_535),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }),
  SWARM_ADMIN_TOKEN: optional(z.string().min(16, 'must be at least 16 characters long')),
  SWARM_API_KEYS: optional(keyList),
  SWARM_TRUSTED_PROXIES: optional(proxyList),
  SWARM_CUSTOMER_TOKEN_SECRET: optional(z.string().min(32, 'must be at least 32 characters long')),
  SWARM_BODY_LIMIT: integer(1024, 16 * 1024 * 1024),
  SWARM_MESSAGE_MAX_LENGTH: integer(1, 100_000),
  SWARM_RATE_LIMIT: rateLimit,
  SWARM_SSE_KEEPALIVE_MS: integer(1, 3_600_000),
  SWARM_SHUTDOWN_TIMEOUT_MS: integer(0, 600_000),
  SWARM_HEADERS_TIMEOUT_MS: integer(100, 600_000),
  SWARM_REQUEST_TIMEOUT_MS: integer(100, 3_600_000),
  SWARM_FAULT_INJECTION: z.enum(['0', '1'], { message: 'must be 0 or 1' }).transform((v) => v === '1'),
  REDIS_URL: optional(url),
  SWARM_REDIS_PREFIX: z.string().min(1, 'must not be empty'),
  SWARM_THREADS: optional(integer(1, 64)),
  SWARM_DESK: z.string().min(1, 'must not be empty'),
  SWARM_CUSTOMERS_FILE: optional(z.string().min(1)),
  SWARM_KNOWLEDGE_DIR: optional(z.string().min(1)),
  SWARM_INTENT_MODEL: optional(z.string().min(1)),
  SWARM_INTENT_MAPPING: optional(z.string().min(1)),
  SWARM_DATA_DIR: z.string().min(1, 'must not be empty'),
  SWARM_DOUBLE_TEXT: z.enum(DoubleTextPolicy.options, {
    message: `must be one of ${DoubleTextPolicy.options.join(', ')}`,
  }),
  SWARM_CONVERSATION_LEASE_MS: integer(30, 600_000),
  SWARM_QUERY_TIMEOUT_MS: integer(100, 3_600_000),
  SWARM_MAX_QUERIES_IN_FLIGHT: integer(1, 1_000_000),
  SWARM_MEMORY_CONVERSATIONS: integer(1, 10_000_000),
  SWARM_MEMORY_RESULTS: integer(1, 10_000_000),
  SWARM_LEARNING_SYNC_MS: integer(10, 3_600_000),
  OPENAI_API_KEY: optional(z.string().min(1)),
  OPENAI_BASE_URL: optional(url),
  OPENAI_MODEL: z.string().min(1, 'must not be empty'),
  SWARM_LLM_CONCURRENCY: integer(1, 1024),
  SWARM_LLM_TIMEOUT_MS: integer(100, 600_000),
  SWARM_LLM_MAX_TOOL_CALLS: integer(0, 20),
});
export type Env = z.output<typeof EnvSchema>;
