import type { BlackboardEntry, ConversationState } from '../domain/conversation.js';
import type { Candidate, RoutingKind } from './routing-plan.js';
import type { HistoryMessage } from './specialist-messages.js';

/** What the router needs of a conversation's past, read from its recent blackboard entries. */
export interface ConversationView {
  state: ConversationState;
  /** The words the current problem was raised with (the latest `routing` fact naming one). */
  problemText: string | undefined;
  /** Articles already given for the current problem (since that `routing` fact). */
  givenArticles: string[];
  /** Feedback after the last answer said it did not resolve the problem. */
  markedUnresolved: boolean;
  /** How the previous message was routed (`clarify`: the desk asked what it was about). */
  lastKind: RoutingKind | undefined;
  /** The topics a clarifying question offered, when the previous message got one. */
  lastSuggestions: Candidate[];
  history: HistoryMessage[];
}

const HISTORY_MESSAGES = 6;

function isUnresolvedFeedback(entry: BlackboardEntry): boolean {
  if (entry.kind !== 'fact' || entry.key !== 'feedback') return false;
  const value = entry.value as { resolved?: unknown } | null;
  return typeof value === 'object' && value !== null && value.resolved === false;
}

interface RoutingFact {
  kind?: RoutingKind;
  problem?: string;
  suggestions?: Candidate[];
}

// Written by our own router (query-assembly): read, not re-validated.
function routingOf(value: unknown): RoutingFact {
  return typeof value === 'object' && value !== null ? (value as RoutingFact) : {};
}

export function viewConversation(
  state: ConversationState,
  entries: readonly BlackboardEntry[],
): ConversationView {
  const history: HistoryMessage[] = [];
  const givenArticles: string[] = [];
  let problemText: string | undefined;
  let markedUnresolved = false;
  let afterLastAnswer = true;
  let last: RoutingFact | undefined;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (!entry) continue;
    switch (entry.kind) {
      case 'message':
        if (history.length < HISTORY_MESSAGES) history.push({ role: 'user', content: entry.text });
        break;
      case 'answer':
        if (history.length < HISTORY_MESSAGES) history.push({ role: 'assistant', content: entry.text });
        afterLastAnswer = false;
        break;
      case 'fact':
        if (entry.key === 'article' && problemText === undefined && typeof entry.value === 'string') {
          givenArticles.push(entry.value);
        }
        if (entry.key === 'routing') {
          const routing = routingOf(entry.value);
          last ??= routing;
          if (problemText === undefined && typeof routing.problem === 'string') problemText = routing.problem;
        }
        if (afterLastAnswer && isUnresolvedFeedback(entry)) markedUnresolved = true;
        break;
      case 'intent':
      case 'handoff':
        break;
    }
  }
  return {
    state,
    problemText,
    givenArticles,
    markedUnresolved,
    lastKind: last?.kind,
    lastSuggestions: last?.suggestions ?? [],
    history: history.reverse(),
  };
}
