import { z } from 'zod';

export const RateLimit = z.object({
  ratePerSecond: z.number().positive(),
  burst: z.number().int().min(1),
});
export type RateLimit = z.infer<typeof RateLimit>;

/** Responses kept a day, as payment APIs do; a claim outlives any query (its timeout is far shorter). */
export const IDEMPOTENCY_DEFAULTS = { ttlMs: 24 * 60 * 60 * 1000, leaseMs: 2 * 60 * 1000 };

/** What the edge needs beyond the desk; `loadConfig` builds it from the environment. */
export const HttpOptions = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535).default(3000),
  /** Unset: agent control answers loopback clients only. */
  adminToken: z.string().min(1).optional(),
  /** Empty: /v1 is open (behind the rate limit). */
  apiKeys: z.array(z.string().min(1)).default([]),
  bodyLimitBytes: z
    .number()
    .int()
    .min(1)
    .default(64 * 1024),
  messageMaxLength: z.number().int().min(1).default(4000),
  /** `null` disables rate limiting. */
  rateLimit: RateLimit.nullable().default({ ratePerSecond: 50, burst: 100 }),
  sseKeepAliveMs: z.number().int().min(1).default(15_000),
  shutdownTimeoutMs: z.number().int().min(0).default(30_000),
  /** `Idempotency-Key`: how long a response is kept, and how long a running request holds its key. */
  idempotency: z
    .object({
      ttlMs: z.number().int().min(1).default(IDEMPOTENCY_DEFAULTS.ttlMs),
      leaseMs: z.number().int().min(1).default(IDEMPOTENCY_DEFAULTS.leaseMs),
    })
    .default(IDEMPOTENCY_DEFAULTS),
  /** Exposes the fault-drill control that kills a worker thread; off in production. */
  faultInjection: z.boolean().default(false),
});
export type HttpOptions = z.input<typeof HttpOptions>;
export type ResolvedHttpOptions = z.output<typeof HttpOptions>;
