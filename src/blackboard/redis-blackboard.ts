import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import {
  BlackboardChange,
  BlackboardEntry,
  Conversation,
  ConversationState,
  type BlackboardEntryInput,
} from '../domain/conversation.js';
import { QueryResult } from '../domain/query.js';
import {
  StoreCorruptError,
  createChannelSubscriber,
  createKeys,
  execReplies,
  parseJsonRecord,
  pingRedis,
  validateRecord,
} from '../redis/index.js';
import type { Blackboard, WriteOptions } from './blackboard.js';
import { ConversationNotFoundError, StaleFenceError, StateConflictError } from './errors.js';
import { LruMap } from './lru.js';
import { resolveBlackboardOptions, type BlackboardOptions } from './options.js';
import { appendScript, openScript, updateStateScript } from './redis-scripts.js';
import { reportListenerError } from './report-listener-error.js';
import { validateWrite } from './validate-write.js';

export interface RedisBlackboardOptions extends BlackboardOptions {
  /** Owned by the caller: `close()` leaves it open. */
  redis: Redis;
  keyPrefix?: string;
}

/** Conversations whose state text a process remembers as its first guess (see `knownStates`). */
const KNOWN_STATES = 10_000;

/** Results are stored in an envelope so the record carries its schema version. */
const StoredResult = z.object({ schemaVersion: z.literal(1), result: QueryResult });

/**
 * The blackboard shared by every process of a desk: a hash per conversation (scalars, `version`, the
 * state as JSON, the `seq` counter), a capped list of entries, results as strings with a TTL, and
 * changes over pub/sub on one duplicated connection.
 */
export function createRedisBlackboard(options: RedisBlackboardOptions): Blackboard {
  const { redis, keyPrefix, ...rest } = options;
  const o = resolveBlackboardOptions(rest);
  const keys = createKeys(keyPrefix);
  const onListenerError = o.onListenerError ?? reportListenerError;
  const subscriber = createChannelSubscriber(redis);

  /**
   * The state text this process last read or wrote, per conversation: `updateState`'s first guess at
   * what is stored, so a writer usually skips reading it. A wrong guess (another writer got in) costs
   * that read after all, never a wrong write: the compare-and-set checks the guess.
   */
  const knownStates = new LruMap<string, string>(KNOWN_STATES);

  async function read(conversationId: string): Promise<Conversation | undefined> {
    const key = keys.conversation(conversationId);
    const [hash, entries] = execReplies(
      await redis.multi().hgetall(key).lrange(keys.conversationEntries(conversationId), 0, -1).exec(),
    ) as [Record<string, string>, string[]];
    return conversationOf(conversationId, hash, entries);
  }

  function conversationOf(
    conversationId: string,
    hash: Record<string, string>,
    entries: string[],
  ): Conversation | undefined {
    const key = keys.conversation(conversationId);
    if (Object.keys(hash).length === 0) return undefined;
    if (hash.state !== undefined) knownStates.set(conversationId, hash.state);
    return validateRecord(Conversation, key, {
      schemaVersion: Number(hash.schemaVersion),
      conversationId: hash.conversationId,
      customerId: hash.customerId,
      ...(hash.channel === undefined ? {} : { channel: hash.channel }),
      createdAt: hash.createdAt,
      updatedAt: hash.updatedAt,
      version: Number(hash.version),
      state: decodeJson(key, hash.state ?? ''),
      entries: entries.map((text) => decodeJson(key, text)),
    });
  }

  function fenceArg(options: WriteOptions | undefined): string {
    return options?.fence === undefined ? '' : String(options.fence);
  }

  function messagePrefix(conversationId: string): string {
    return `{"conversationId":${JSON.stringify(conversationId)},"version":`;
  }

  function channelArgs(conversationId: string): [string, string] {
    return [keys.conversationChannel(conversationId), keys.allConversationsChannel()];
  }

  /** One script call for all the entries: a query's trail costs one round trip, not one per entry. */
  async function appendAll(
    conversationId: string,
    inputs: readonly BlackboardEntryInput[],
    options?: WriteOptions,
  ): Promise<BlackboardEntry[]> {
    const now = new Date().toISOString();
    const entries = inputs.map((input) => {
      const { seq: _placeholder, ...entry } = validateWrite(BlackboardEntry, conversationId, {
        ...input,
        seq: 0,
        at: input.at ?? now,
      });
      return entry;
    });
    const seqs = (await appendScript.run(
      redis,
      [keys.conversation(conversationId), keys.conversationEntries(conversationId)],
      [
        entries.at(-1)?.at ?? now,
        o.maxEntries,
        o.conversationTtlSeconds,
        messagePrefix(conversationId),
        ...channelArgs(conversationId),
        fenceArg(options),
        ...entries.map((entry) => JSON.stringify(entry).slice(1)),
      ],
    )) as number[] | -1 | null;
    if (seqs === -1) throw new StaleFenceError(conversationId, options?.fence ?? 0);
    if (!seqs) throw new ConversationNotFoundError(conversationId);
    return entries.map((entry, i) => ({ ...entry, seq: seqs[i] }) as BlackboardEntry);
  }

  return {
    async open(conversationId, init) {
      const now = new Date().toISOString();
      const [flatHash, entries] = (await openScript.run(
        redis,
        [keys.conversation(conversationId), keys.conversationEntries(conversationId)],
        [
          conversationId,
          init.customerId,
          init.channel ?? '',
          now,
          JSON.stringify(ConversationState.parse({})),
          o.conversationTtlSeconds,
        ],
      )) as [string[], string[]];
      const hash: Record<string, string> = {};
      for (let i = 0; i + 1 < flatHash.length; i += 2)
        hash[flatHash[i] as string] = flatHash[i + 1] as string;
      const conversation = conversationOf(conversationId, hash, entries);
      if (!conversation) throw new ConversationNotFoundError(conversationId);
      return conversation;
    },

    get: read,

    async append(conversationId, input) {
      const [entry] = await appendAll(conversationId, [input]);
      return entry as BlackboardEntry;
    },

    appendMany: appendAll,

    async updateState(conversationId, mutate, options) {
      const key = keys.conversation(conversationId);
      let guess = knownStates.get(conversationId);
      for (let attempt = 1; attempt <= o.maxUpdateAttempts;) {
        const current = guess ?? (await redis.hget(key, 'state'));
        if (current === null) throw new ConversationNotFoundError(conversationId);
        const state = validateRecord(ConversationState, key, decodeJson(key, current));
        const next = validateWrite(ConversationState, conversationId, mutate(state));
        const text = JSON.stringify(next);
        const outcome = await updateStateScript.run(
          redis,
          [key, keys.conversationEntries(conversationId)],
          [
            current,
            text,
            new Date().toISOString(),
            o.conversationTtlSeconds,
            messagePrefix(conversationId),
            ...channelArgs(conversationId),
            fenceArg(options),
          ],
        );
        if (outcome === -1) throw new ConversationNotFoundError(conversationId);
        if (outcome === -2) throw new StaleFenceError(conversationId, options?.fence ?? 0);
        if (outcome !== 0) {
          knownStates.set(conversationId, text);
          return next;
        }
        if (guess !== undefined) {
          guess = undefined;
          continue;
        }
        // Lost the race: a little jitter keeps a crowd of writers from colliding in lockstep.
        await delay(Math.floor(Math.random() * Math.min(attempt, 10)));
        attempt += 1;
      }
      throw new StateConflictError(conversationId, o.maxUpdateAttempts);
    },

    async subscribe(conversationId, listener) {
      const channel =
        conversationId === '*' ? keys.allConversationsChannel() : keys.conversationChannel(conversationId);
      return subscriber.subscribe(channel, (message) => {
        try {
          listener(parseJsonRecord(BlackboardChange, channel, message));
        } catch (error) {
          onListenerError(error);
        }
      });
    },

    async saveResult(result) {
      const record = StoredResult.parse({ schemaVersion: 1, result });
      await redis.set(keys.result(result.queryId), JSON.stringify(record), 'EX', o.resultTtlSeconds);
    },

    async getResult(queryId) {
      const key = keys.result(queryId);
      const text = await redis.get(key);
      return text === null ? undefined : parseJsonRecord(StoredResult, key, text).result;
    },

    ping: () => pingRedis(redis),

    async close() {
      await subscriber.close();
    },
  };
}

function decodeJson(key: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StoreCorruptError(key, 'not JSON', error);
  }
}
