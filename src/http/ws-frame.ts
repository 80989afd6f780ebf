import { z } from 'zod';
import { Id } from '../domain/id.js';
import { InvalidJsonError, ValidationError } from './errors.js';
import { toFieldIssues } from './error-handler.js';

export interface WsMessage {
  message: string;
  conversationId?: string;
}

/**
 * One text frame is one customer message: plain text, or JSON `{ message, conversationId? }` when the
 * frame looks like a JSON object. Throws the same errors as the HTTP body checks.
 */
export function parseWsFrame(data: unknown, messageMaxLength: number): WsMessage {
  if (typeof data !== 'string') {
    throw new ValidationError('frame', [{ field: '', message: 'frames must be text' }]);
  }
  const schema = z.object({
    message: z.string().trim().min(1).max(messageMaxLength),
    conversationId: Id.optional(),
  });
  let candidate: unknown = { message: data };
  if (data.trimStart().startsWith('{')) {
    try {
      candidate = JSON.parse(data);
    } catch {
      throw new InvalidJsonError();
    }
  }
  const parsed = schema.safeParse(candidate);
  if (!parsed.success) throw new ValidationError('frame', toFieldIssues(parsed.error));
  return parsed.data;
}
