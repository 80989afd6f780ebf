import { z } from 'zod';
import { MAX_TOOL_CALLS_DEFAULT } from '../actors/index.js';
import { DoubleTextPolicy } from '../domain/vocabulary.js';

const PoolSize = z.object({
  min: z.number().int().min(1),
  max: z.number().int().min(1),
});

// Agents reply deferred, so instances are only needed for CPU work and bursts; the wide `max` lets a
// pool absorb a burst (actors are cheap: the model and the knowledge base are shared per thread).
export const POOL_DEFAULTS = {
  router: { min: 16, max: 1024 },
  /** A department's pool, unless the desk or `pools` says otherwise. */
  department: { min: 4, max: 512 },
  escalation: { min: 4, max: 128 },
} as const;

/** Everything `createDesk` needs; the HTTP process builds it from the environment (src/config). */
export const DeskOptions = z.object({
  /** The desk folder (`desk.yaml`, intents, knowledge, customers), or `demo` for the shipped one. */
  desk: z.string().min(1).default('demo'),
  /** Redis for the blackboard, CRM, tickets and learned examples; in memory when absent. */
  redisUrl: z.string().url().optional(),
  keyPrefix: z.string().min(1).default('swarmdesk:'),
  /** Worker threads hosting the agents; default: the machine's available parallelism. */
  threads: z.number().int().min(1).max(64).optional(),
  /** Customer records (a JSON array) seeded with the desk's customers into a CRM that is empty at start. */
  customersFile: z.string().optional(),
  /** A folder of articles (`<dir>/<language>/*.md`) added to the desk's; an article with the same id wins. */
  knowledgeDir: z.string().optional(),
  /** A user-trained intent model file and its label-to-department mapping. */
  intentModelPath: z.string().optional(),
  intentMappingPath: z.string().optional(),
  /**
   * Without Redis: the conversations and query results kept in memory, least recently used evicted
   * first. They are most of the live heap: about 12 KB per conversation with its result.
   */
  memory: z
    .object({
      maxConversations: z.number().int().min(1).optional(),
      maxResults: z.number().int().min(1).optional(),
    })
    .default({}),
  /**
   * With Redis: how often the desk looks for corrections that other processes on the same Redis
   * accepted, and retrains with them, so every process routes a corrected message the same way.
   */
  learningSyncMs: z.number().int().min(10).default(5_000),
  /** File-backed state: the trained model cache, and learned corrections when Redis is not used. */
  dataDir: z.string().default('.swarmdesk'),
  /** Where trained desk models are cached (by content); `<dataDir>/models` when absent. */
  modelCacheDir: z.string().optional(),
  doubleTextPolicy: DoubleTextPolicy.default('enqueue'),
  /**
   * With Redis, the double-text policy holds across processes through a lease per conversation. `ttlMs`:
   * how long a lease outlives a crashed holder (it is renewed every third of it while answering);
   * `pollMs`: how often a message waiting on another process looks again.
   */
  conversationLease: z
    .object({
      ttlMs: z.number().int().min(30).default(10_000),
      pollMs: z.number().int().min(1).default(50),
    })
    .prefault({}),
  mailboxCapacity: z.number().int().min(1).default(1024),
  /** Queries accepted and not yet answered, across conversations; beyond it `submit` refuses (503). */
  maxQueriesInFlight: z.number().int().min(1).default(10_000),
  /** How long an accepted query may take end to end before it is answered by escalation. */
  queryTimeoutMs: z.number().int().min(100).default(30_000),
  /**
   * Instances per pool (`router`, `escalation` and the desk's departments), over the desk's own
   * `instances` and `POOL_DEFAULTS`. A router holds its query until every part is answered, so the router pool
   * bounds how many queries are worked on at once; specialists wait only on consults and the LLM.
   */
  pools: z.record(z.string(), PoolSize).default({}),
  /** LLM mode; absent = fully offline. */
  llm: z
    .object({
      baseURL: z.string().url().optional(),
      apiKey: z.string().optional(),
      model: z.string().default('gpt-4o-mini'),
      concurrency: z.number().int().min(1).default(16),
      timeoutMs: z.number().int().min(100).default(15_000),
      /** The router asks the LLM only when the local model's confidence is below this. */
      routerThreshold: z.number().min(0).max(1).default(0.5),
      /** Calls a specialist makes on the desk's actions per answer; 0 offers the model no tools. */
      maxToolCalls: z.number().int().min(0).max(20).default(MAX_TOOL_CALLS_DEFAULT),
    })
    .optional(),
});
export type DeskOptions = z.input<typeof DeskOptions>;
export type ResolvedDeskOptions = z.output<typeof DeskOptions>;
