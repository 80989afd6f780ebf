import type { DeskOptions } from '../desk/index.js';
import { HttpOptions, type ResolvedHttpOptions } from '../http/index.js';
import { EnvSchema, type Env } from './env-schema.js';
import { ConfigError } from './errors.js';
import { CONFIG_VARIABLES } from './variables.js';

export type LogLevel = Env['LOG_LEVEL'];

export interface AppConfig {
  http: ResolvedHttpOptions;
  desk: DeskOptions;
  logLevel: LogLevel;
}

/** Empty strings count as unset, so `PORT=` in a .env file falls back to the default. */
function withDefaults(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const variable of CONFIG_VARIABLES) {
    const raw = env[variable.name];
    values[variable.name] = raw === undefined || raw.trim() === '' ? variable.default : raw;
  }
  return values;
}

/**
 * Reads the environment once at start-up. Throws ConfigError naming every malformed variable; the
 * message never echoes a value, so secrets cannot leak through it.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(withDefaults(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? 'environment'),
        problem: issue.message,
      })),
    );
  }
  const e = parsed.data;
  const llmOn = e.OPENAI_API_KEY !== undefined || e.OPENAI_BASE_URL !== undefined;
  return {
    logLevel: e.LOG_LEVEL,
    http: HttpOptions.parse({
      host: e.HOST,
      port: e.PORT,
      adminToken: e.SWARM_ADMIN_TOKEN,
      apiKeys: e.SWARM_API_KEYS ?? [],
      customerTokenSecret: e.SWARM_CUSTOMER_TOKEN_SECRET,
      trustedProxies: e.SWARM_TRUSTED_PROXIES ?? [],
      bodyLimitBytes: e.SWARM_BODY_LIMIT,
      messageMaxLength: e.SWARM_MESSAGE_MAX_LENGTH,
      rateLimit: e.SWARM_RATE_LIMIT,
      sseKeepAliveMs: e.SWARM_SSE_KEEPALIVE_MS,
      shutdownTimeoutMs: e.SWARM_SHUTDOWN_TIMEOUT_MS,
      headersTimeoutMs: e.SWARM_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.SWARM_REQUEST_TIMEOUT_MS,
      faultInjection: e.SWARM_FAULT_INJECTION,
    }),
    desk: {
      redisUrl: e.REDIS_URL,
      keyPrefix: e.SWARM_REDIS_PREFIX,
      threads: e.SWARM_THREADS,
      desk: e.SWARM_DESK,
      customersFile: e.SWARM_CUSTOMERS_FILE,
      knowledgeDir: e.SWARM_KNOWLEDGE_DIR,
      intentModelPath: e.SWARM_INTENT_MODEL,
      intentMappingPath: e.SWARM_INTENT_MAPPING,
      dataDir: e.SWARM_DATA_DIR,
      doubleTextPolicy: e.SWARM_DOUBLE_TEXT,
      conversationLease: { ttlMs: e.SWARM_CONVERSATION_LEASE_MS },
      queryTimeoutMs: e.SWARM_QUERY_TIMEOUT_MS,
      maxQueriesInFlight: e.SWARM_MAX_QUERIES_IN_FLIGHT,
      memory: { maxConversations: e.SWARM_MEMORY_CONVERSATIONS, maxResults: e.SWARM_MEMORY_RESULTS },
      learningSyncMs: e.SWARM_LEARNING_SYNC_MS,
      llm: llmOn
        ? {
            apiKey: e.OPENAI_API_KEY,
            baseURL: e.OPENAI_BASE_URL,
            model: e.OPENAI_MODEL,
            concurrency: e.SWARM_LLM_CONCURRENCY,
            timeoutMs: e.SWARM_LLM_TIMEOUT_MS,
            maxToolCalls: e.SWARM_LLM_MAX_TOOL_CALLS,
          }
        : undefined,
    },
  };
}
