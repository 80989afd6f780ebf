import { SwarmError } from '../runtime/index.js';

/** A record read back from Redis does not match its schema: written by another version, or by hand. */
export class StoreCorruptError extends SwarmError {
  constructor(key: string, issues: string, cause?: unknown) {
    super('STORE_CORRUPT', `record at ${key} is not valid: ${issues}`, { cause, details: { key } });
  }
}

/** How soon a client may try again: the client's reconnect backoff reaches its cap (2 s) by then. */
const REDIS_RETRY_AFTER_MS = 2_000;

export class RedisUnavailableError extends SwarmError {
  constructor(target: string, cause?: unknown) {
    super('REDIS_UNAVAILABLE', `cannot reach Redis at ${target}`, {
      cause,
      details: { target, retryAfterMs: REDIS_RETRY_AFTER_MS },
    });
  }
}

/*
 * What ioredis rejects a command with while the server is unreachable: its offline queue gave up
 * (MaxRetriesPerRequestError, an AbortError), the connection dropped under the command, or the socket
 * failed. Matched by name, code and message because ioredis exports none of these classes.
 */
const CONNECTION_ERROR_NAMES = new Set(['MaxRetriesPerRequestError', 'AbortError', 'ClusterAllFailedError']);
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTCONN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const CONNECTION_ERROR_MESSAGE = /^(Connection is closed\.|Stream isn't writeable|connect ETIMEDOUT)/;

/**
 * True for an error meaning Redis could not be reached, whether thrown here or rebuilt after crossing
 * a thread (then only its name survives, in `details.name`).
 */
export function isRedisConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof SwarmError) {
    const name = error.details?.name;
    return error.code === 'ERROR' && typeof name === 'string' && CONNECTION_ERROR_NAMES.has(name);
  }
  const code = (error as { code?: unknown }).code;
  return (
    CONNECTION_ERROR_NAMES.has(error.name) ||
    (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) ||
    CONNECTION_ERROR_MESSAGE.test(error.message)
  );
}

/** REDIS_UNAVAILABLE for a connection error (the cause kept for the log), else the error itself. */
export function asRedisUnavailable(error: unknown): unknown {
  return isRedisConnectionError(error) ? new RedisUnavailableError('the configured server', error) : error;
}
