import { z } from 'zod';
import { ProxyAddress } from './middleware/trusted-proxies.js';
import { ApiKey } from './principal.js';

export const RateLimit = z.object({
  ratePerSecond: z.number().positive(),
  burst: z.number().int().min(1),
});
export type RateLimit = z.infer<typeof RateLimit>;

/** Responses kept a day, as payment APIs do; a claim outlives any query (its timeout is far shorter). */
const IDEMPOTENCY_DEFAULTS = { ttlMs: 24 * 60 * 60 * 1000, leaseMs: 2 * 60 * 1000 };

/** What the edge needs beyond the desk; `loadConfig` builds it from the environment. */
export const HttpOptions = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535).default(3000),
  /** Unset: agent control answers loopback clients only. */
  adminToken: z.string().min(1).optional(),
  /**
   * Reverse proxies (addresses or CIDR ranges) whose `X-Forwarded-For` names the client. Empty: the
   * socket's address is the client's, whatever the headers say.
   */
  trustedProxies: z.array(ProxyAddress).default([]),
  /**
   * Integrator keys: `key` (every scope but admin) or `key:scope+scope`, or `{ key, scopes }`. With
   * neither keys nor `customerTokenSecret`, /v1 is open (behind the rate limit).
   */
  apiKeys: z.array(ApiKey).default([]),
  /** HS256 secret for customer tokens minted by the integrator's backend (at least 32 characters). */
  customerTokenSecret: z.string().min(32).optional(),
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
  /**
   * WebSocket back-pressure: once a socket holds this many bytes of answers its client has not read,
   * the server stops reading its frames; if it stays over for `wsStallTimeoutMs`, the socket is closed.
   */
  wsBufferLimitBytes: z
    .number()
    .int()
    .min(1)
    .default(1024 * 1024),
  wsStallTimeoutMs: z.number().int().min(1).default(10_000),
  /** A client that has not sent its request headers in this long gets 408 and is disconnected. */
  headersTimeoutMs: z.number().int().min(1).default(10_000),
  /** Same for the whole request, body included (not the response: streams may last). */
  requestTimeoutMs: z.number().int().min(1).default(30_000),
  /** Exposes the fault-drill control that kills a worker thread; off in production. */
  faultInjection: z.boolean().default(false),
});
export type HttpOptions = z.input<typeof HttpOptions>;
export type ResolvedHttpOptions = z.output<typeof HttpOptions>;
