import type { Redis } from 'ioredis';
import { Ticket, TicketStatus } from '../domain/ticket.js';
import {
  StoreCorruptError,
  createKeys,
  defineScript,
  execReplies,
  pingRedis,
  validateRecord,
  type RedisKeys,
} from '../redis/index.js';
import type { TicketQueue } from './ticket-queue.js';
import { ticketScore } from './ticket-order.js';

export interface RedisTicketQueueOptions {
  /** Owned by the caller: `close()` leaves it open. */
  redis: Redis;
  keyPrefix?: string;
}

const STATUSES = TicketStatus.options;

/*
 * A ticket is a hash (`record` JSON as opened, `status` kept apart so a status change never rewrites
 * the JSON, `score`), indexed in one sorted set of all tickets and one per status, scored so ZRANGE
 * yields most urgent first, then oldest.
 */

/** KEYS: hash, all, status set. ARGV: record, status, score, id. Returns {record, status} as stored. */
const openScript = defineScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'record', ARGV[1], 'status', ARGV[2], 'score', ARGV[3])
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
  redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
end
return redis.call('HMGET', KEYS[1], 'record', 'status')
`);

/** KEYS: hash, then one sorted set per status. ARGV: index of the new status (1-based), id. */
const setStatusScript = defineScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local score = redis.call('HGET', KEYS[1], 'score')
for i = 2, #KEYS do redis.call('ZREM', KEYS[i], ARGV[2]) end
redis.call('ZADD', KEYS[1 + tonumber(ARGV[1])], score, ARGV[2])
redis.call('HSET', KEYS[1], 'status', ARGV[3])
return redis.call('HMGET', KEYS[1], 'record', 'status')
`);

export function createRedisTicketQueue(options: RedisTicketQueueOptions): TicketQueue {
  const { redis } = options;
  const keys = createKeys(options.keyPrefix);
  const statusKeys = STATUSES.map((s) => keys.ticketStatusQueue(s));

  async function readMany(ids: string[]): Promise<Ticket[]> {
    if (ids.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hmget(keys.ticket(id), 'record', 'status');
    const replies = execReplies(await pipeline.exec()) as (string | null)[][];
    return replies.flatMap((fields, i) =>
      fields[0] ? [decode(keys, ids[i] ?? '', fields[0], fields[1] ?? null)] : [],
    );
  }

  return {
    async open(ticket) {
      const record = Ticket.parse(ticket);
      const reply = (await openScript.run(
        redis,
        [keys.ticket(record.ticketId), keys.ticketQueue(), keys.ticketStatusQueue(record.status)],
        [JSON.stringify(record), record.status, ticketScore(record), record.ticketId],
      )) as [string, string];
      return decode(keys, record.ticketId, reply[0], reply[1]);
    },

    async get(ticketId) {
      const [ticket] = await readMany([ticketId]);
      return ticket;
    },

    async list(listOptions = {}) {
      const set = listOptions.status ? keys.ticketStatusQueue(listOptions.status) : keys.ticketQueue();
      const stop = listOptions.limit === undefined ? -1 : listOptions.limit - 1;
      if (stop < -1 || listOptions.limit === 0) return [];
      return readMany(await redis.zrange(set, 0, stop));
    },

    async setStatus(ticketId, status) {
      const reply = (await setStatusScript.run(
        redis,
        [keys.ticket(ticketId), ...statusKeys],
        [STATUSES.indexOf(status) + 1, ticketId, status],
      )) as [string, string] | null;
      return reply ? decode(keys, ticketId, reply[0], reply[1]) : undefined;
    },

    ping: () => pingRedis(redis),

    async close() {},
  };
}

function decode(keys: RedisKeys, ticketId: string, record: string, status: string | null): Ticket {
  const key = keys.ticket(ticketId);
  let raw: unknown;
  try {
    raw = JSON.parse(record);
  } catch (error) {
    throw new StoreCorruptError(key, 'not JSON', error);
  }
  return validateRecord(Ticket, key, { ...(raw as object), status });
}
