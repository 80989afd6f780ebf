import type { Redis } from 'ioredis';
import { duplicateRedisClient } from './client.js';

export interface ChannelSubscriber {
  /** Resolves once Redis confirmed the subscription, so messages published after it are delivered. */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * One subscriber-mode connection (a duplicate of `client`, opened on first use) multiplexing every
 * listener: Redis charges per connection, not per listener. Channel (un)subscriptions are chained per
 * channel so a quick unsubscribe/subscribe pair cannot leave the channel in the wrong state.
 */
export function createChannelSubscriber(client: Redis, onError?: (error: Error) => void): ChannelSubscriber {
  let connection: Redis | undefined;
  const listeners = new Map<string, Set<(message: string) => void>>();
  const pending = new Map<string, Promise<unknown>>();

  function open(): Redis {
    if (connection) return connection;
    const created = duplicateRedisClient(client, onError);
    created.on('message', (channel: string, message: string) => {
      for (const listener of listeners.get(channel) ?? []) listener(message);
    });
    connection = created;
    return created;
  }

  function chain(channel: string, step: () => Promise<unknown>): Promise<unknown> {
    const next = (pending.get(channel) ?? Promise.resolve()).then(step, step);
    pending.set(channel, next);
    const clear = () => {
      if (pending.get(channel) === next) pending.delete(channel);
    };
    next.then(clear, clear);
    return next;
  }

  return {
    async subscribe(channel, listener) {
      const redis = open();
      let set = listeners.get(channel);
      const first = set === undefined;
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
      }
      set.add(listener);
      try {
        if (first) await chain(channel, () => redis.subscribe(channel));
        else await pending.get(channel);
      } catch (error) {
        // A listener whose subscription failed must not linger and be called later by surprise.
        set.delete(listener);
        if (set.size === 0 && listeners.get(channel) === set) listeners.delete(channel);
        throw error;
      }
      let active = true;
      return async () => {
        if (!active) return;
        active = false;
        const current = listeners.get(channel);
        current?.delete(listener);
        if (current && current.size === 0) {
          listeners.delete(channel);
          await chain(channel, () =>
            listeners.has(channel) ? Promise.resolve() : redis.unsubscribe(channel),
          );
        }
      };
    },
    async close() {
      listeners.clear();
      const redis = connection;
      connection = undefined;
      if (redis) await quit(redis);
    },
  };
}

async function quit(redis: Redis): Promise<void> {
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
