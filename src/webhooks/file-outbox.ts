import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { StoreCorruptError } from '../redis/index.js';
import { Delivery } from './delivery.js';
import type { WebhookOutbox } from './outbox.js';

export interface FileOutboxOptions {
  /** The JSON file; its folder is created. */
  path: string;
  /** Finished (delivered or dead) deliveries kept for the listing; the oldest go first. */
  maxFinished?: number;
}

const OutboxFile = z.object({ schemaVersion: z.literal(1), deliveries: z.array(Delivery) });

/**
 * The outbox of a single instance without Redis: all deliveries in memory, written whole to a file
 * after every change (to a temporary file, then renamed, so a crash mid-write leaves the last good
 * copy). The outbox is small: pending deliveries plus a bounded tail of finished ones.
 */
export async function createFileOutbox(options: FileOutboxOptions): Promise<WebhookOutbox> {
  const { path } = options;
  const maxFinished = options.maxFinished ?? 1000;
  const deliveries = new Map<string, Delivery>();
  for (const delivery of await readOutbox(path)) deliveries.set(delivery.id, delivery);
  await mkdir(dirname(path), { recursive: true });
  let writing: Promise<void> = Promise.resolve();

  const persist = (): Promise<void> => {
    const finished = [...deliveries.values()].filter((d) => d.status !== 'pending');
    for (const old of finished.slice(0, Math.max(0, finished.length - maxFinished)))
      deliveries.delete(old.id);
    const text = JSON.stringify({ schemaVersion: 1, deliveries: [...deliveries.values()] });
    // Writes are chained so two changes never race on the temporary file.
    writing = writing.then(async () => {
      await writeFile(`${path}.tmp`, text);
      await rename(`${path}.tmp`, path);
    });
    return writing;
  };
  const copy = (d: Delivery): Delivery => structuredClone(d);

  return {
    async add(added) {
      for (const delivery of added) deliveries.set(delivery.id, copy(delivery));
      await persist();
    },

    async claimDue(now, limit, leaseMs) {
      const due = [...deliveries.values()]
        .filter((d) => d.status === 'pending' && (d.nextAttemptAt ?? Infinity) <= now)
        .sort((a, b) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0))
        .slice(0, limit);
      if (due.length === 0) return [];
      const claimed = due.map(copy);
      for (const delivery of due) delivery.nextAttemptAt = now + leaseMs;
      await persist();
      return claimed;
    },

    async save(delivery) {
      // Re-inserted, so the Map's order stays the order of last change: finished ones age out first.
      deliveries.delete(delivery.id);
      deliveries.set(delivery.id, copy(delivery));
      await persist();
    },

    async get(id) {
      const delivery = deliveries.get(id);
      return delivery && copy(delivery);
    },

    async list(listOptions = {}) {
      const matching = [...deliveries.values()]
        .filter((d) => listOptions.status === undefined || d.status === listOptions.status)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return matching.slice(0, listOptions.limit ?? matching.length).map(copy);
    },

    async close() {
      await writing;
    },
  };
}

async function readOutbox(path: string): Promise<Delivery[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StoreCorruptError(path, 'not JSON', error);
  }
  const parsed = OutboxFile.safeParse(raw);
  if (!parsed.success) throw new StoreCorruptError(path, parsed.error.message, parsed.error);
  return parsed.data.deliveries;
}
