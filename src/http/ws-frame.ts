import { z } from '@hono/zod-openapi';
import { Id } from '../domain/id.js';
import { ValidationError } from './errors.js';
import { toFieldIssues } from './error-handler.js';

/** A frame's JSON form, with the configured message length limit. */
export function wsMessage(messageMaxLength: number) {
  return z
    .object({
      message: z.string().trim().min(1).max(messageMaxLength),
      conversationId: Id.optional(),
    })
    .openapi('WsMessage');
}
export type WsMessage = z.infer<ReturnType<typeof wsMessage>>;
type WsMessageSchema = ReturnType<typeof wsMessage>;

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * One text frame is one customer message: the JSON `{ message, conversationId? }` when the frame parses
 * as exactly that, otherwise the frame's text itself, so a customer may write `{` or paste JSON. Throws
 * the same errors as the HTTP body checks.
 */
export function parseWsFrame(data: unknown, schema: WsMessageSchema): WsMessage {
  if (typeof data !== 'string') {
    throw new ValidationError('frame', [{ field: '', message: 'frames must be text' }]);
  }
  const structured = schema.safeParse(jsonOf(data));
  if (structured.success) return structured.data;
  const plain = schema.safeParse({ message: data });
  if (!plain.success) throw new ValidationError('frame', toFieldIssues(plain.error));
  return plain.data;
}
