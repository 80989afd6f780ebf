import type { QueryInput } from '../../domain/query.js';
import { ValidationError } from '../errors.js';
import type { ChatCompletionRequest, ChatMessage } from './wire.js';

export const CUSTOMER_HEADER = 'x-swarm-customer-id';
export const CONVERSATION_HEADER = 'x-swarm-conversation-id';

/** A message's text: a string, or the text parts of a content array joined (images and audio ignored). */
function textOf(message: ChatMessage): string {
  const { content } = message;
  if (typeof content === 'string') return content;
  return (content ?? [])
    .filter((part) => part.type === 'text' && typeof part.text === 'string')
    .map((part) => part.text)
    .join('\n');
}

/**
 * Who is asking: the `X-Swarm-Customer-Id` / `X-Swarm-Conversation-Id` headers when given, else the
 * `user` field as `customerId` or `customerId:conversationId` (split at the first colon, so a customer
 * id holding a colon must come in the header).
 */
function caller(
  user: string | undefined,
  headers: { customerId?: string | undefined; conversationId?: string | undefined },
): { customerId?: string; conversationId?: string } {
  const [fromUser, ...rest] = (user ?? '').split(':');
  const customerId = headers.customerId?.trim() || fromUser?.trim();
  const conversationId = headers.conversationId?.trim() || rest.join(':').trim();
  return {
    ...(customerId ? { customerId } : {}),
    ...(conversationId ? { conversationId } : {}),
  };
}

/**
 * The desk keeps each conversation's history itself, so only the last user message is the customer's
 * new message; earlier turns a client resends are not replayed.
 */
export function toQueryInput(
  body: ChatCompletionRequest,
  headers: { customerId?: string | undefined; conversationId?: string | undefined },
  messageMaxLength: number,
): QueryInput {
  const last = body.messages.findLast((message) => message.role === 'user');
  const message = last ? textOf(last).trim() : '';
  const who = caller(body.user, headers);
  const issues = [
    ...(message === '' ? [{ field: 'messages', message: 'a user message with text is required' }] : []),
    ...(message.length > messageMaxLength
      ? [{ field: 'messages', message: `the user message exceeds ${messageMaxLength} characters` }]
      : []),
    ...(who.customerId === undefined
      ? [{ field: 'user', message: `give the customer as user or the ${CUSTOMER_HEADER} header` }]
      : []),
    ...((who.customerId?.length ?? 0) > 128 || (who.conversationId?.length ?? 0) > 128
      ? [{ field: 'user', message: 'customer and conversation ids are at most 128 characters' }]
      : []),
  ];
  if (issues.length > 0 || who.customerId === undefined) throw new ValidationError('body', issues);
  return {
    customerId: who.customerId,
    message,
    ...(who.conversationId ? { conversationId: who.conversationId } : {}),
    channel: 'chat-completions',
  };
}
