import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import {
  DEFAULT_KEY_PREFIX,
  createKeys,
  defineScript,
  execReplies,
  parseJsonRecord,
} from '../redis/index.js';
import { JoinedReply, JoinedText, type ConversationLeases, type Lease } from './conversation-leases.js';

export const RedisConversationLeasesOptions = z.object({
  keyPrefix: z.string().min(1).default(DEFAULT_KEY_PREFIX),
  /** How long a lease lives unless renewed: the longest a crashed holder keeps its conversation. */
  ttlMs: z.number().int().min(10).default(10_000),
  /** How long queued texts and their replies are kept for their senders. */
  joinedTtlMs: z.number().int().min(10).default(120_000),
});
export type RedisConversationLeasesOptions = z.input<typeof RedisConversationLeasesOptions>;

/*
 * Grants the lease when it is free (KEYS[1] lease, KEYS[2] fence; ARGV[1] token, ARGV[2] lease ttl,
 * ARGV[3] fence ttl). The fence is at least the server's clock in microseconds (below 2^53 until the
 * year 2255): a Redis restarted without its data grants fences above those it granted before, so
 * stale holders stay stale.
 */
const GRANT = `
local function grant()
  local now = redis.call('TIME')
  local floor = tonumber(now[1]) * 1000000 + tonumber(now[2])
  local fence = redis.call('INCR', KEYS[2])
  if fence < floor then
    fence = floor
    redis.call('SET', KEYS[2], string.format('%.0f', fence))
  end
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  redis.call('SET', KEYS[1], string.format('%.0f', fence) .. ':' .. ARGV[1], 'PX', ARGV[2])
  return fence
end
`;

/** KEYS: lease, fence, joined list. ARGV: token, lease ttl, fence ttl, joined JSON ('' = do not join). */
const acquireScript = defineScript(`${GRANT}
if redis.call('EXISTS', KEYS[1]) == 0 then return grant() end
if ARGV[4] ~= '' then
  redis.call('RPUSH', KEYS[3], ARGV[4])
  redis.call('PEXPIRE', KEYS[3], ARGV[3])
end
return false
`);

/** KEYS: lease, fence, reply. ARGV: token, lease ttl, fence ttl. Returns {'reply', json} or {'lease', fence} or nil. */
const pollScript = defineScript(`${GRANT}
local reply = redis.call('GET', KEYS[3])
if reply then return {'reply', reply} end
if redis.call('EXISTS', KEYS[1]) == 0 then return {'lease', grant()} end
return false
`);

/** KEYS: lease. ARGV: lease value, ttl. */
const renewScript = defineScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`);

/** KEYS: lease, joined list. ARGV: lease value, ttl. The texts, or nil when the lease is not held. */
const drainScript = defineScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return false end
local texts = redis.call('LRANGE', KEYS[2], 0, -1)
redis.call('DEL', KEYS[2])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return texts
`);

/** KEYS: lease, joined list. ARGV: lease value. 1 released, 0 texts queued (still held), -1 not held. */
const releaseScript = defineScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
if redis.call('LLEN', KEYS[2]) > 0 then return 0 end
redis.call('DEL', KEYS[1])
return 1
`);

function leaseValue(lease: Lease): string {
  return `${lease.fence}:${lease.token}`;
}

/**
 * Leases as Redis keys: SET NX PX with a random token behind the fence, renewed and released only by
 * their holder (compare-and-delete in Lua). Queued texts and the lease are read and written in the
 * same scripts, so a text is never queued after the holder's last drain without the holder seeing it.
 */
export function createRedisConversationLeases(
  redis: Redis,
  options: RedisConversationLeasesOptions = {},
): ConversationLeases {
  const o = RedisConversationLeasesOptions.parse(options);
  const keys = createKeys(o.keyPrefix);
  const leaseKeys = (conversationId: string) => [
    keys.conversationLease(conversationId),
    keys.conversationFence(conversationId),
  ];
  const granted = (conversationId: string, token: string, fence: unknown): Lease | undefined =>
    typeof fence === 'number' ? { conversationId, fence, token } : undefined;

  return {
    async tryAcquire(conversationId) {
      const token = randomUUID();
      const fence = await acquireScript.run(
        redis,
        [...leaseKeys(conversationId), keys.conversationJoined(conversationId)],
        [token, o.ttlMs, o.joinedTtlMs, ''],
      );
      return granted(conversationId, token, fence);
    },

    async acquireOrJoin(conversationId, joined) {
      const token = randomUUID();
      const fence = await acquireScript.run(
        redis,
        [...leaseKeys(conversationId), keys.conversationJoined(conversationId)],
        [token, o.ttlMs, o.joinedTtlMs, JSON.stringify(JoinedText.parse(joined))],
      );
      return granted(conversationId, token, fence);
    },

    async pollJoined(conversationId, entryId) {
      const token = randomUUID();
      const replyKey = keys.joinedReply(entryId);
      const outcome = await pollScript.run(
        redis,
        [...leaseKeys(conversationId), replyKey],
        [token, o.ttlMs, o.joinedTtlMs],
      );
      if (!Array.isArray(outcome)) return undefined;
      const [kind, value] = outcome as [string, unknown];
      if (kind === 'reply') return { reply: parseJsonRecord(JoinedReply, replyKey, String(value)) };
      return { lease: { conversationId, fence: Number(value), token } };
    },

    async renew(lease) {
      const renewed = await renewScript.run(
        redis,
        [keys.conversationLease(lease.conversationId)],
        [leaseValue(lease), o.ttlMs],
      );
      return renewed === 1;
    },

    async drain(lease) {
      const joinedKey = keys.conversationJoined(lease.conversationId);
      const texts = await drainScript.run(
        redis,
        [keys.conversationLease(lease.conversationId), joinedKey],
        [leaseValue(lease), o.ttlMs],
      );
      if (!Array.isArray(texts)) return undefined;
      return texts.map((text) => parseJsonRecord(JoinedText, joinedKey, String(text)));
    },

    async reply(entryIds, reply) {
      if (entryIds.length === 0) return;
      const json = JSON.stringify(JoinedReply.parse(reply));
      const multi = redis.multi();
      for (const entryId of entryIds) multi.set(keys.joinedReply(entryId), json, 'PX', o.joinedTtlMs);
      execReplies(await multi.exec());
    },

    async release(lease) {
      const outcome = await releaseScript.run(
        redis,
        [keys.conversationLease(lease.conversationId), keys.conversationJoined(lease.conversationId)],
        [leaseValue(lease)],
      );
      return outcome === 1 ? 'released' : outcome === 0 ? 'joined' : 'lost';
    },

    async isCurrent(lease) {
      const fence = await redis.get(keys.conversationFence(lease.conversationId));
      return fence === null || Number(fence) <= lease.fence;
    },
  };
}
