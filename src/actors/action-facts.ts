import type { BlackboardEntry } from '../domain/conversation.js';

/**
 * Facts an action-bound intent leaves on the conversation: the slots found so far (remembered for
 * later turns) and the intent that asked the customer for a slot (null once answered), so the
 * router sends the customer's reply ("654321") back to that intent instead of classifying it alone.
 */
export const ACTION_SLOTS_FACT = 'action.slots';
export const ACTION_AWAITING_FACT = 'action.awaiting';
/** The record of a call an answer came from (never its arguments or headers). */
export const ACTION_CALL_FACT = 'action.call';

/** The latest value of a fact in the entries (oldest first), if any. */
function latestFact(entries: readonly BlackboardEntry[], key: string): unknown {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (entry?.kind === 'fact' && entry.key === key) return entry.value;
  }
  return undefined;
}

export function rememberedSlots(entries: readonly BlackboardEntry[]): Record<string, string> {
  const value = latestFact(entries, ACTION_SLOTS_FACT);
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value).filter((pair): pair is [string, string] => typeof pair[1] === 'string'),
  );
}

export function awaitedIntent(entries: readonly BlackboardEntry[]): string | undefined {
  const value = latestFact(entries, ACTION_AWAITING_FACT);
  return typeof value === 'string' ? value : undefined;
}
