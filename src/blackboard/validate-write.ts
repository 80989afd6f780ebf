import type { z } from 'zod';
import { InvalidBlackboardWriteError } from './errors.js';

/** Checks what a caller is about to store, so memory and Redis refuse the same writes. */
export function validateWrite<S extends z.ZodType>(
  schema: S,
  conversationId: string,
  value: unknown,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new InvalidBlackboardWriteError(conversationId, issues);
  }
  return parsed.data;
}
