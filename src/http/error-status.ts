import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { asRedisUnavailable } from '../redis/index.js';
import { SwarmError, type SerializedError } from '../runtime/index.js';

/**
 * The one table from SwarmError codes to HTTP statuses. Codes not listed are system faults: 500 with a
 * generic message, so internals never reach a client.
 */
export const STATUS_BY_CODE: Readonly<Record<string, ContentfulStatusCode>> = {
  INVALID_JSON: 400,
  VALIDATION_FAILED: 400,
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONVERSATION_FORBIDDEN: 403,
  NOT_FOUND: 404,
  QUERY_NOT_FOUND: 404,
  CONVERSATION_NOT_FOUND: 404,
  CUSTOMER_NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  MODEL_NOT_FOUND: 404,
  DELIVERY_NOT_FOUND: 404,
  ACTOR_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  UPGRADE_REQUIRED: 426,
  CONVERSATION_BUSY: 409,
  STATE_CONFLICT: 409,
  IDEMPOTENCY_IN_FLIGHT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNKNOWN_INTENT: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  INVALID_OPTIONS: 422,
  RATE_LIMITED: 429,
  MAILBOX_FULL: 503,
  SHUTTING_DOWN: 503,
  ACTOR_UNAVAILABLE: 503,
  REDIS_UNAVAILABLE: 503,
  LLM_UNAVAILABLE: 503,
  LLM_OVERLOADED: 503,
  ASK_TIMEOUT: 504,
  // Not a standard status: nginx's name for a request its client abandoned. No one reads the answer.
  CLIENT_CLOSED: 499 as ContentfulStatusCode,
  LLM_TIMEOUT: 504,
};

export interface MappedError {
  status: ContentfulStatusCode;
  body: SerializedError;
  /** Seconds for a `Retry-After` header, when the error carries a hint. */
  retryAfterSeconds?: number;
}

const INTERNAL: SerializedError = { code: 'INTERNAL', message: 'internal error' };

/** Turns anything thrown into the status and JSON body a client sees (never a stack or a cause). */
export function mapError(thrown: unknown): MappedError {
  const error = asRedisUnavailable(thrown);
  if (!(error instanceof SwarmError)) return { status: 500, body: INTERNAL };
  const status = STATUS_BY_CODE[error.code];
  if (status === undefined) return { status: 500, body: { code: error.code, message: INTERNAL.message } };
  const body = error.toJSON();
  const retryAfterMs = error.details?.retryAfterMs;
  if (typeof retryAfterMs === 'number' && (status === 409 || status === 429 || status === 503)) {
    return { status, body, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
  }
  return { status, body };
}
