import {
  BlackboardEntry,
  ConversationState,
  type BlackboardEntryInput,
  type Conversation,
} from '../domain/conversation.js';
import type { QueryResult } from '../domain/query.js';
import type { Blackboard, WriteOptions } from './blackboard.js';
import { ChangeListeners } from './change-listeners.js';
import { copyData } from './copy-data.js';
import { ConversationNotFoundError, StaleFenceError } from './errors.js';
import { LruMap } from './lru.js';
import { resolveBlackboardOptions, type BlackboardOptions } from './options.js';
import { reportListenerError } from './report-listener-error.js';
import { Labels, shareStrings } from './shared-strings.js';
import { validateWrite } from './validate-write.js';

interface StoredConversation {
  readonly conversationId: string;
  readonly customerId: string;
  readonly channel: string | undefined;
  readonly createdAt: string;
  updatedAt: string;
  version: number;
  lastSeq: number;
  /** The highest fence written with (0: none). */
  fence: number;
  /** Frozen: handed out as is, replaced (never edited) on update. */
  state: ConversationState;
  /** Frozen entries; the array itself is private and copied on read. */
  readonly entries: BlackboardEntry[];
}

/**
 * The in-process blackboard. It sits on every query's hot path, so reads copy only the entry array
 * (entries and states are frozen and shared, never deep-cloned) and writes are synchronous: with no
 * await between read and write, `updateState` never conflicts.
 */
export function createMemoryBlackboard(options: BlackboardOptions = {}): Blackboard {
  const o = resolveBlackboardOptions(options);
  const conversations = new LruMap<string, StoredConversation>(o.maxConversations);
  const results = new LruMap<string, QueryResult>(o.maxResults);
  const listeners = new ChangeListeners(o.onListenerError ?? reportListenerError);
  const labels = new Labels();

  function find(conversationId: string): StoredConversation {
    const stored = conversations.get(conversationId);
    if (!stored) throw new ConversationNotFoundError(conversationId);
    return stored;
  }

  /** Refuses a fence older than the conversation's, else records it; synchronous with the write. */
  function admit(stored: StoredConversation, options: WriteOptions | undefined): void {
    const fence = options?.fence;
    if (fence === undefined) return;
    if (fence < stored.fence) throw new StaleFenceError(stored.conversationId, fence);
    stored.fence = fence;
  }

  /** Synchronous, so nothing interleaves: every entry is checked before the first is stored. */
  function appendAll(
    conversationId: string,
    inputs: readonly BlackboardEntryInput[],
    options?: WriteOptions,
  ): BlackboardEntry[] {
    const stored = find(conversationId);
    let previous = stored.entries.at(-1);
    // One write, one time: entries without their own `at` share it.
    const now = new Date().toISOString();
    const entries = inputs.map((input, i) => {
      const entry = validateWrite(
        BlackboardEntry,
        conversationId,
        prepareEntry(input, stored.lastSeq + 1 + i, now),
      );
      shareStrings(entry, previous, labels);
      previous = entry;
      return Object.freeze(entry);
    });
    admit(stored, options);
    const firstVersion = stored.version + 1;
    for (const entry of entries) {
      stored.lastSeq = entry.seq;
      stored.entries.push(entry);
      stored.version += 1;
      stored.updatedAt = entry.at;
    }
    if (stored.entries.length > o.maxEntries) stored.entries.splice(0, stored.entries.length - o.maxEntries);
    // Told once all are stored: a listener that writes back cannot land between them.
    entries.forEach((entry, i) => listeners.emit({ conversationId, version: firstVersion + i, entry }));
    return entries;
  }

  return {
    async open(conversationId, init) {
      const existing = conversations.get(conversationId);
      if (existing) return snapshot(existing);
      const now = new Date().toISOString();
      const created: StoredConversation = {
        conversationId,
        customerId: init.customerId,
        channel: init.channel,
        createdAt: now,
        updatedAt: now,
        version: 0,
        lastSeq: 0,
        fence: 0,
        state: freezeState(ConversationState.parse({})),
        entries: [],
      };
      conversations.set(conversationId, created);
      return snapshot(created);
    },

    async get(conversationId) {
      const stored = conversations.get(conversationId);
      return stored && snapshot(stored);
    },

    async append(conversationId, input) {
      const [entry] = appendAll(conversationId, [input]);
      return entry as BlackboardEntry;
    },

    async appendMany(conversationId, inputs, options) {
      return appendAll(conversationId, inputs, options);
    },

    async updateState(conversationId, mutate, options) {
      const stored = find(conversationId);
      const next = freezeState(
        validateWrite(ConversationState, conversationId, mutate(copyState(stored.state))),
      );
      admit(stored, options);
      stored.state = next;
      stored.version += 1;
      stored.updatedAt = new Date().toISOString();
      listeners.emit({ conversationId, version: stored.version, state: next });
      return next;
    },

    async subscribe(conversationId, listener) {
      const remove = listeners.add(conversationId, listener);
      return async () => remove();
    },

    async saveResult(result) {
      results.set(result.queryId, copyData(result));
    },

    async getResult(queryId) {
      const result = results.get(queryId);
      return result && copyData(result);
    },

    async ping() {
      return true;
    },

    async close() {
      listeners.clear();
      conversations.clear();
      results.clear();
    },
  };
}

/** Assigns `seq` and `at`; a fact's value is the caller's object, so it is cloned before freezing. */
function prepareEntry(input: BlackboardEntryInput, seq: number, now: string): BlackboardEntry {
  const at = input.at ?? now;
  if (input.kind === 'fact') return { ...input, value: copyData(input.value), seq, at };
  return { ...input, seq, at };
}

function snapshot(stored: StoredConversation): Conversation {
  return {
    schemaVersion: 1,
    conversationId: stored.conversationId,
    customerId: stored.customerId,
    ...(stored.channel === undefined ? {} : { channel: stored.channel }),
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    version: stored.version,
    state: stored.state,
    entries: stored.entries.slice(),
  };
}

function copyState(state: ConversationState): ConversationState {
  return { ...state, triedAgents: [...state.triedAgents] };
}

function freezeState(state: ConversationState): ConversationState {
  Object.freeze(state.triedAgents);
  return Object.freeze(state);
}
