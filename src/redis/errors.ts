import { SwarmError } from '../runtime/index.js';

/** A record read back from Redis does not match its schema: written by another version, or by hand. */
export class StoreCorruptError extends SwarmError {
  constructor(key: string, issues: string, cause?: unknown) {
    super('STORE_CORRUPT', `record at ${key} is not valid: ${issues}`, { cause, details: { key } });
  }
}

export class RedisUnavailableError extends SwarmError {
  constructor(target: string, cause?: unknown) {
    super('REDIS_UNAVAILABLE', `cannot reach Redis at ${target}`, { cause, details: { target } });
  }
}
