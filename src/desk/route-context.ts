import { StaleFenceError, type Blackboard } from '../blackboard/index.js';
import { ConversationBusyError } from './errors.js';
import type { Conversation } from '../domain/conversation.js';
import type { Customer } from '../domain/customer.js';
import type { RouteContext, RouteOutcome } from '../actors/index.js';

/** Entries of a conversation the router reads for follow-ups (history, given articles, feedback). */
const CONTEXT_ENTRIES = 40;

/**
 * Issues of the customer's history that agents see: enough to spot a repeated problem, and a bound on
 * what crosses to the workers on every query (a long history, cloned per hop, dominated the main thread).
 */
const RECENT_ISSUES = 20;

function recentView(customer: Customer | undefined): Customer | null {
  if (!customer) return null;
  if (customer.issuesHistory.length <= RECENT_ISSUES) return customer;
  return { ...customer, issuesHistory: customer.issuesHistory.slice(-RECENT_ISSUES) };
}

/** What the router is sent with a message: the tail of the conversation and the customer's view. */
export function routeContext(conversation: Conversation, customer: Customer | undefined): RouteContext {
  return {
    state: conversation.state,
    entries: conversation.entries.slice(-CONTEXT_ENTRIES),
    customer: recentView(customer),
  };
}

/**
 * Writes the router's trail: entries in one ordered write (a follow-up reads them back by seq), then the
 * state. With a `fence`, a store that has seen a newer one refuses both: CONVERSATION_BUSY (fenced).
 */
export async function commitTrail(
  blackboard: Blackboard,
  conversationId: string,
  trail: RouteOutcome['trail'],
  fence?: number,
): Promise<void> {
  const options = fence === undefined ? {} : { fence };
  try {
    await blackboard.appendMany(conversationId, trail.entries, options);
    await blackboard.updateState(conversationId, () => trail.state, options);
  } catch (error) {
    if (error instanceof StaleFenceError) throw new ConversationBusyError(conversationId, 'fenced');
    throw error;
  }
}
