import { defineScript } from '../redis/index.js';

/*
 * Change messages are JSON assembled inside the scripts (Redis' cjson turns empty arrays into objects,
 * so nothing is decoded there): the caller sends a prefix up to `"version":` and the script appends the
 * version it assigned and the entry or state. Per-conversation channel first, then the global one: a
 * subscriber to both sees them in that order.
 */

/**
 * Creates the conversation unless it exists, and reads it back in the same call. KEYS: conversation
 * hash, entries list. ARGV: id, customerId, channel ('' = none), now, initial state, ttl. Returns
 * {hash as a flat field/value list, entries}.
 */
export const openScript = defineScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'schemaVersion', '1', 'conversationId', ARGV[1], 'customerId', ARGV[2],
    'createdAt', ARGV[4], 'updatedAt', ARGV[4], 'version', '0', 'seq', '0', 'state', ARGV[5])
  if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'channel', ARGV[3]) end
  redis.call('EXPIRE', KEYS[1], ARGV[6])
end
return {redis.call('HGETALL', KEYS[1]), redis.call('LRANGE', KEYS[2], 0, -1)}
`);

/**
 * A fenced write (ARGV[n] the writer's fence, '' for none): refused when the conversation has seen a
 * higher fence, else the fence is recorded. Returns true when the write may go on.
 */
const ADMIT = `
local function admit(fence)
  if fence == '' then return true end
  local seen = tonumber(redis.call('HGET', KEYS[1], 'fence') or '0')
  if tonumber(fence) < seen then return false end
  redis.call('HSET', KEYS[1], 'fence', fence)
  return true
end
`;

/**
 * Appends entries in order, each with the next seq and version and its own change message. KEYS:
 * conversation hash, entries list. ARGV: updatedAt, maxEntries, ttl, message prefix, conversation
 * channel, global channel, fence ('' = none), then each entry's JSON after its opening brace. Returns
 * the seqs, nil when the conversation is unknown, -1 when the fence is stale.
 */
export const appendScript = defineScript(`${ADMIT}
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
if not admit(ARGV[7]) then return -1 end
local seqs = {}
for i = 8, #ARGV do
  local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
  local entry = '{"seq":' .. seq .. ',' .. ARGV[i]
  redis.call('RPUSH', KEYS[2], entry)
  local message = ARGV[4] .. version .. ',"entry":' .. entry .. '}'
  redis.call('PUBLISH', ARGV[5], message)
  redis.call('PUBLISH', ARGV[6], message)
  seqs[#seqs + 1] = seq
end
if #seqs == 0 then return seqs end
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[1])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return seqs
`);

/**
 * Compare-and-set on the state text itself rather than on `version`, so concurrent appends (which bump
 * the version) do not force state writers to retry. KEYS: conversation hash, entries list. ARGV:
 * expected state, new state, updatedAt, ttl, message prefix, conversation channel, global channel,
 * fence ('' = none). Returns the new version, 0 when another writer got in first, -1 when the
 * conversation is unknown, -2 when the fence is stale.
 */
export const updateStateScript = defineScript(`${ADMIT}
local current = redis.call('HGET', KEYS[1], 'state')
if not current then return -1 end
if current ~= ARGV[1] then return 0 end
if not admit(ARGV[8]) then return -2 end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'updatedAt', ARGV[3])
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
local message = ARGV[5] .. version .. ',"state":' .. ARGV[2] .. '}'
redis.call('PUBLISH', ARGV[6], message)
redis.call('PUBLISH', ARGV[7], message)
return version
`);
