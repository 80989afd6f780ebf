import type { Redis } from 'ioredis';
import { Ticket, TicketNote, TicketStatus } from '../domain/ticket.js';
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
 * A ticket is a hash: `record` (JSON of what never changes), and the fields people change kept apart
 * so a change never rewrites the JSON (`status`, `assignee`, `updatedAt`), plus `score`. Notes are a
 * list beside it (append-only, so RPUSH). The ticket is indexed in one sorted set of all tickets, one
 * per status and one per assignee, scored so ZRANGE yields most urgent first, then oldest.
 */

/** Hash fields read back, in this order, after the notes list. */
const FIELDS = ['record', 'status', 'assignee', 'updatedAt'] as const;
type StoredFields = [string | null, string | null, string | null, string | null];
type StoredReply = [StoredFields, string[]];

/**
 * KEYS: hash, all, status set, assignee set (the hash again when unassigned), notes list.
 * ARGV: record, status, score, id, assignee or '', updatedAt, then one JSON string per note.
 */
const openScript = defineScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'record', ARGV[1], 'status', ARGV[2], 'score', ARGV[3], 'updatedAt', ARGV[6])
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
  redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
  if ARGV[5] ~= '' then
    redis.call('HSET', KEYS[1], 'assignee', ARGV[5])
    redis.call('ZADD', KEYS[4], ARGV[3], ARGV[4])
  end
  for i = 7, #ARGV do redis.call('RPUSH', KEYS[5], ARGV[i]) end
end
return {redis.call('HMGET', KEYS[1], 'record', 'status', 'assignee', 'updatedAt'), redis.call('LRANGE', KEYS[5], 0, -1)}
`);

/*
 * The old assignee's set is only known inside the script, so its key is the assignee-set prefix (from
 * keys.ts, passed in ARGV) plus the stored name: reading it first would race with another change.
 *
 * KEYS: hash, notes list, new assignee set (the hash again when not set), then one sorted set per status.
 * ARGV: id, status index (1-based; 0 keeps it), status, assignee mode (keep|set|clear), assignee,
 * note JSON or '', at, assignee-set key prefix.
 */
const updateScript = defineScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local id = ARGV[1]
local score = redis.call('HGET', KEYS[1], 'score')
if ARGV[2] ~= '0' then
  for i = 4, #KEYS do redis.call('ZREM', KEYS[i], id) end
  redis.call('ZADD', KEYS[3 + tonumber(ARGV[2])], score, id)
  redis.call('HSET', KEYS[1], 'status', ARGV[3])
end
if ARGV[4] ~= 'keep' then
  local old = redis.call('HGET', KEYS[1], 'assignee')
  if old then redis.call('ZREM', ARGV[8] .. old, id) end
  if ARGV[4] == 'set' then
    redis.call('HSET', KEYS[1], 'assignee', ARGV[5])
    redis.call('ZADD', KEYS[3], score, id)
  else
    redis.call('HDEL', KEYS[1], 'assignee')
  end
end
if ARGV[6] ~= '' then redis.call('RPUSH', KEYS[2], ARGV[6]) end
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[7])
return {redis.call('HMGET', KEYS[1], 'record', 'status', 'assignee', 'updatedAt'), redis.call('LRANGE', KEYS[2], 0, -1)}
`);

export function createRedisTicketQueue(options: RedisTicketQueueOptions): TicketQueue {
  const { redis } = options;
  const keys = createKeys(options.keyPrefix);
  const statusKeys = STATUSES.map((s) => keys.ticketStatusQueue(s));

  async function readMany(ids: string[]): Promise<Ticket[]> {
    if (ids.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const id of ids) {
      pipeline.hmget(keys.ticket(id), ...FIELDS);
      pipeline.lrange(keys.ticketNotes(id), 0, -1);
    }
    const replies = execReplies(await pipeline.exec());
    return ids.flatMap((id, i) => {
      const fields = replies[2 * i] as StoredFields;
      const notes = replies[2 * i + 1] as string[];
      return fields[0] ? [decode(keys, id, [fields, notes])] : [];
    });
  }

  return {
    async open(ticket) {
      const record = Ticket.parse(ticket);
      const { status, assignee, notes, updatedAt, ...fixed } = record;
      const assigneeKey =
        assignee === null ? keys.ticket(record.ticketId) : keys.ticketAssigneeQueue(assignee);
      const reply = (await openScript.run(
        redis,
        [
          keys.ticket(record.ticketId),
          keys.ticketQueue(),
          keys.ticketStatusQueue(status),
          assigneeKey,
          keys.ticketNotes(record.ticketId),
        ],
        [
          JSON.stringify(fixed),
          status,
          ticketScore(record),
          record.ticketId,
          assignee ?? '',
          updatedAt,
          ...notes.map((note) => JSON.stringify(note)),
        ],
      )) as StoredReply;
      return decode(keys, record.ticketId, reply);
    },

    async get(ticketId) {
      const [ticket] = await readMany([ticketId]);
      return ticket;
    },

    async list(listOptions = {}) {
      const { status, assignee, limit } = listOptions;
      if (limit === 0) return [];
      if (assignee !== undefined) {
        // One person's tickets are few: read them all, then filter by status before the limit.
        const mine = await readMany(await redis.zrange(keys.ticketAssigneeQueue(assignee), 0, -1));
        const matching = mine.filter((t) => status === undefined || t.status === status);
        return matching.slice(0, limit ?? matching.length);
      }
      const set = status ? keys.ticketStatusQueue(status) : keys.ticketQueue();
      return readMany(await redis.zrange(set, 0, limit === undefined ? -1 : limit - 1));
    },

    async update(ticketId, update, at) {
      const assigneeMode =
        update.assignee === undefined ? 'keep' : update.assignee === null ? 'clear' : 'set';
      const { note } = update;
      const reply = (await updateScript.run(
        redis,
        [
          keys.ticket(ticketId),
          keys.ticketNotes(ticketId),
          update.assignee ? keys.ticketAssigneeQueue(update.assignee) : keys.ticket(ticketId),
          ...statusKeys,
        ],
        [
          ticketId,
          update.status === undefined ? 0 : STATUSES.indexOf(update.status) + 1,
          update.status ?? '',
          assigneeMode,
          update.assignee ?? '',
          note
            ? JSON.stringify({ at, ...(note.author ? { author: note.author } : {}), text: note.text })
            : '',
          at,
          keys.ticketAssigneeQueue(''),
        ],
      )) as StoredReply | null;
      return reply ? decode(keys, ticketId, reply) : undefined;
    },

    ping: () => pingRedis(redis),

    async close() {},
  };
}

function parseJson(key: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StoreCorruptError(key, 'not JSON', error);
  }
}

function decode(keys: RedisKeys, ticketId: string, [fields, notes]: StoredReply): Ticket {
  const key = keys.ticket(ticketId);
  const [record, status, assignee, updatedAt] = fields;
  const raw = parseJson(key, record ?? '') as Record<string, unknown>;
  return validateRecord(Ticket, key, {
    ...raw,
    status,
    assignee,
    // Tickets stored before tickets could change have no `updatedAt`: they never changed.
    updatedAt: updatedAt ?? raw.createdAt,
    notes: notes.map((note) => validateRecord(TicketNote, keys.ticketNotes(ticketId), parseJson(key, note))),
  });
}
