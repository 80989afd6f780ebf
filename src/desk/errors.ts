import { SwarmError } from '../runtime/index.js';

/** Double-text policy `reject`: the conversation already has a message being worked on. */
export class ConversationBusyError extends SwarmError {
  /**
   * `fenced`: this process lost the conversation's lease to another process while answering (it
   * stalled past the lease's time, or Redis forgot the lease), so its answer was not kept.
   */
  constructor(conversationId: string, reason: 'busy' | 'fenced' = 'busy') {
    super(
      'CONVERSATION_BUSY',
      reason === 'busy'
        ? `conversation ${conversationId} is still answering a previous message`
        : `conversation ${conversationId} was taken over by another process; this answer was not kept`,
      { details: { conversationId, ...(reason === 'fenced' ? { fenced: true } : {}) } },
    );
  }
}

/** Feedback named an intent the model does not know. */
export class UnknownIntentError extends SwarmError {
  constructor(intent: string) {
    super('UNKNOWN_INTENT', `unknown intent ${intent}`, { details: { intent } });
  }
}

export class QueryNotFoundError extends SwarmError {
  constructor(queryId: string) {
    super('QUERY_NOT_FOUND', `no query ${queryId}`, { details: { queryId } });
  }
}

/** A submit or feedback that does not match its schema: a caller mistake. */
export class InvalidInputError extends SwarmError {
  constructor(what: string, issues: string) {
    super('INVALID_INPUT', `invalid ${what}: ${issues}`, { details: { what } });
  }
}

/** A message names a conversation that belongs to another customer. */
export class ConversationForbiddenError extends SwarmError {
  constructor(conversationId: string) {
    super('CONVERSATION_FORBIDDEN', `conversation ${conversationId} belongs to another customer`, {
      details: { conversationId },
    });
  }
}

/** zod issues as one line for an error message: `path: message; ...`. */
export function formatIssues(error: {
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>;
}): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}
