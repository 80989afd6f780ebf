import type { DeskProfile } from '../domain/desk-profile.js';
import type { PlannedPart } from './routing-plan.js';

/**
 * Parts of one message bound for the same specialist, joined into one: a model that reads the whole
 * message answers every need of its department in one reply, in one call, instead of one reply and one
 * call per clause ("charged twice … can I get a refund?" is one need). A part answered by an action, or
 * a retry, stays on its own: those follow their own path.
 */
export function joinByDepartment(parts: readonly PlannedPart[], desk: DeskProfile): PlannedPart[] {
  const joined: PlannedPart[] = [];
  const open = new Map<string, number>();
  for (const part of parts) {
    const alone = part.retry || desk.intents[part.intent]?.action !== undefined;
    const key = `${part.department}\u0000${part.target}`;
    const at = alone ? undefined : open.get(key);
    if (at === undefined) {
      if (!alone) open.set(key, joined.length);
      joined.push(part);
      continue;
    }
    const first = joined[at]!;
    const lead = part.confidence > first.confidence ? part : first;
    joined[at] = {
      ...lead,
      text: `${first.text} ${part.text}`,
      searchText: `${first.searchText} ${part.searchText}`,
    };
  }
  return joined;
}
