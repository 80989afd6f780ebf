import { SwarmError } from '../runtime/index.js';

/** `append`/`updateState` on a conversation that was never opened (or has expired). */
export class ConversationNotFoundError extends SwarmError {
  constructor(conversationId: string) {
    super('CONVERSATION_NOT_FOUND', `no conversation ${conversationId}`, { details: { conversationId } });
  }
}

/** `updateState` kept losing the compare-and-set race: contention far beyond what agents produce. */
export class StateConflictError extends SwarmError {
  constructor(conversationId: string, attempts: number) {
    super('STATE_CONFLICT', `state of ${conversationId} still contended after ${attempts} attempts`, {
      details: { conversationId, attempts },
    });
  }
}

/** An entry or a mutated state that does not match its schema: a caller mistake, refused before storing. */
export class InvalidBlackboardWriteError extends SwarmError {
  constructor(conversationId: string, issues: string) {
    super('INVALID_BLACKBOARD_WRITE', `refused write to ${conversationId}: ${issues}`, {
      details: { conversationId },
    });
  }
}

/** A fenced write from a writer whose fence is older than one the conversation has seen. */
export class StaleFenceError extends SwarmError {
  constructor(conversationId: string, fence: number) {
    super(
      'STALE_FENCE',
      `write to ${conversationId} refused: fence ${fence} is older than one already seen`,
      {
        details: { conversationId, fence },
      },
    );
  }
}
