import type { z } from 'zod';
import { StoreCorruptError } from './errors.js';

/** Parses JSON text read from `key` and validates it; any failure is a StoreCorruptError naming the key. */
export function parseJsonRecord<S extends z.ZodType>(schema: S, key: string, text: string): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StoreCorruptError(key, 'not JSON', error);
  }
  return validateRecord(schema, key, raw);
}

export function validateRecord<S extends z.ZodType>(schema: S, key: string, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new StoreCorruptError(key, issues, parsed.error);
  }
  return parsed.data;
}
