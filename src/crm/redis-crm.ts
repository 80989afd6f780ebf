import type { Redis } from 'ioredis';
import { Customer, IssueRecord } from '../domain/customer.js';
import {
  StoreCorruptError,
  createKeys,
  defineScript,
  execReplies,
  pingRedis,
  validateRecord,
  type RedisKeys,
} from '../redis/index.js';
import type { Crm } from './crm.js';
import { CrmOptions } from './options.js';

export interface RedisCrmOptions extends CrmOptions {
  /** Owned by the caller: `close()` leaves it open. */
  redis: Redis;
  keyPrefix?: string;
}

/*
 * A customer is a hash (`profile`: the scalar fields as JSON, `lastContact`: '' for none) plus a list
 * of issue JSON strings, so recording a contact is an RPUSH and an HSET in one script: no JSON is
 * decoded and re-encoded inside Redis, where cjson would turn an empty array into an object.
 */

/** KEYS: hash, issues. ARGV: issue JSON, at, maxIssues. Returns {profile, lastContact, issues} or nil. */
const recordContactScript = defineScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
redis.call('HSET', KEYS[1], 'lastContact', ARGV[2])
return {redis.call('HGET', KEYS[1], 'profile'), ARGV[2], redis.call('LRANGE', KEYS[2], 0, -1)}
`);

/**
 * KEYS: index, then hash and issues per customer. ARGV: 1 if only an empty index may be written to,
 * then per customer id, profile, lastContact and a JSON array of issue JSON strings (decoding an array
 * of strings is safe in cjson). Returns the customers written (0 when the index was not empty).
 */
const seedScript = defineScript(`
if ARGV[1] == '1' and redis.call('SCARD', KEYS[1]) > 0 then return 0 end
local n = 0
for i = 0, ((#ARGV - 1) / 4) - 1 do
  local hash, issues = KEYS[2 + i * 2], KEYS[3 + i * 2]
  redis.call('DEL', hash, issues)
  redis.call('HSET', hash, 'profile', ARGV[i * 4 + 3], 'lastContact', ARGV[i * 4 + 4])
  local list = cjson.decode(ARGV[i * 4 + 5])
  if #list > 0 then redis.call('RPUSH', issues, unpack(list)) end
  redis.call('SADD', KEYS[1], ARGV[i * 4 + 2])
  n = n + 1
end
return n
`);

/** Customers per seeding script call. */
const SEED_CHUNK = 500;

export function createRedisCrm(options: RedisCrmOptions): Crm {
  const { redis, keyPrefix, ...rest } = options;
  const { maxIssues } = CrmOptions.parse(rest);
  const keys = createKeys(keyPrefix);

  async function read(customerId: string): Promise<Customer | undefined> {
    const replies = await redis
      .multi()
      .hmget(keys.customer(customerId), 'profile', 'lastContact')
      .lrange(keys.customerIssues(customerId), 0, -1)
      .exec();
    const [fields, issues] = execReplies(replies) as [(string | null)[], string[]];
    if (fields[0] === null || fields[0] === undefined) return undefined;
    return assemble(keys, customerId, fields[0], fields[1] ?? '', issues);
  }

  return {
    get: read,

    async list() {
      const ids = (await redis.smembers(keys.customerIndex())).sort();
      const customers = await Promise.all(ids.map(read));
      return customers.filter((c): c is Customer => c !== undefined);
    },

    async upsert(customer) {
      const record = Customer.parse(customer);
      record.issuesHistory = record.issuesHistory.slice(-maxIssues);
      const { hash, issues, profile, lastContact, issueTexts } = encode(keys, record);
      const tx = redis.multi().del(hash, issues).hset(hash, 'profile', profile, 'lastContact', lastContact);
      if (issueTexts.length > 0) tx.rpush(issues, ...issueTexts);
      execReplies(await tx.sadd(keys.customerIndex(), record.customerId).exec());
      return record;
    },

    async recordContact(customerId, issue) {
      const record = IssueRecord.parse(issue);
      const reply = (await recordContactScript.run(
        redis,
        [keys.customer(customerId), keys.customerIssues(customerId)],
        [JSON.stringify(record), record.at, maxIssues],
      )) as [string, string, string[]] | null;
      return reply ? assemble(keys, customerId, reply[0], reply[1], reply[2]) : undefined;
    },

    async seed(customers) {
      const records = customers.map((c) => {
        const record = Customer.parse(c);
        record.issuesHistory = record.issuesHistory.slice(-maxIssues);
        return encode(keys, record);
      });
      // In chunks: a script is atomic, so one call with 20,000 customers blocked Redis for its whole
      // run (and overflowed the client's stack in `swarmdesk serve`). The first chunk claims an empty
      // CRM; the rest follow only if it did.
      let written = 0;
      for (let start = 0; start < records.length; start += SEED_CHUNK) {
        const chunk = records.slice(start, start + SEED_CHUNK);
        const count = Number(
          await seedScript.run(
            redis,
            [keys.customerIndex(), ...chunk.flatMap((r) => [r.hash, r.issues])],
            [
              start === 0 ? '1' : '0',
              ...chunk.flatMap((r) => [r.customerId, r.profile, r.lastContact, JSON.stringify(r.issueTexts)]),
            ],
          ),
        );
        if (start === 0 && count === 0) return 0;
        written += count;
      }
      return written;
    },

    ping: () => pingRedis(redis),

    async close() {},
  };
}

function encode(keys: RedisKeys, customer: Customer) {
  const { issuesHistory, lastContact, ...profile } = customer;
  return {
    customerId: customer.customerId,
    hash: keys.customer(customer.customerId),
    issues: keys.customerIssues(customer.customerId),
    profile: JSON.stringify(profile),
    lastContact: lastContact ?? '',
    issueTexts: issuesHistory.map((i) => JSON.stringify(i)),
  };
}

function assemble(
  keys: RedisKeys,
  customerId: string,
  profile: string,
  lastContact: string,
  issues: string[],
): Customer {
  const key = keys.customer(customerId);
  try {
    return validateRecord(Customer, key, {
      ...(JSON.parse(profile) as object),
      lastContact: lastContact === '' ? null : lastContact,
      issuesHistory: issues.map((text) => JSON.parse(text) as unknown),
    });
  } catch (error) {
    if (error instanceof StoreCorruptError) throw error;
    throw new StoreCorruptError(key, 'not JSON', error);
  }
}
