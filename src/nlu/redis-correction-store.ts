import type { Redis } from 'ioredis';
import { z } from 'zod';
import { Correction, type CorrectionStore } from './correction-store.js';
import { DatasetInvalidError } from './errors.js';

const DEFAULT_CORRECTIONS_KEY_PREFIX = 'swarmdesk:';

/** Accepted corrections as a Redis list (RPUSH keeps the order they were accepted in). */
export class RedisCorrectionStore implements CorrectionStore {
  readonly key: string;
  readonly #redis: Redis;

  constructor(redis: Redis, options: { keyPrefix?: string } = {}) {
    this.#redis = redis;
    this.key = `${options.keyPrefix ?? DEFAULT_CORRECTIONS_KEY_PREFIX}nlu:corrections`;
  }

  async append(correction: Correction): Promise<void> {
    await this.#redis.rpush(this.key, JSON.stringify(Correction.parse(correction)));
  }

  count(): Promise<number> {
    return this.#redis.llen(this.key);
  }

  async list(): Promise<Correction[]> {
    const rows = await this.#redis.lrange(this.key, 0, -1);
    return rows.map((row, i) => {
      let json: unknown;
      try {
        json = JSON.parse(row);
      } catch {
        throw new DatasetInvalidError(this.key, i + 1, 'not a JSON object');
      }
      const parsed = Correction.safeParse(json);
      if (!parsed.success) throw new DatasetInvalidError(this.key, i + 1, z.prettifyError(parsed.error));
      return parsed.data;
    });
  }
}
