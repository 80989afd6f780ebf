import type { Suggestion } from '../domain/query.js';
import type { Language } from '../domain/vocabulary.js';
import { foldTerm } from '../knowledge/index.js';
import type { DeskTexts } from '../domain/desk-texts.js';
import type { ConversationView } from './conversation-view.js';
import type { Candidate, ClassifiedPart } from './routing-plan.js';

function folded(text: string): string {
  return foldTerm(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The name of a topic in the customer's language: the desk's own, else the intent's description. */
export function topicLabel(
  texts: DeskTexts,
  language: Language,
  intent: string,
  describe: (intent: string) => string | undefined,
): string {
  return texts[language].topics[intent] ?? describe(intent) ?? intent;
}

export function labelSuggestions(
  candidates: readonly Candidate[],
  label: (intent: string) => string,
): Suggestion[] {
  return candidates.map(({ intent, department }) => ({ intent, department, label: label(intent) }));
}

/** "A, B or C" in the customer's language. */
export function listTopics(labels: readonly string[], or: string): string {
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} ${or} ${labels.at(-1)}`;
}

/**
 * The customer's answer to a clarifying question: the label of an offered topic (a button) picks it;
 * an answer that is unsure on its own is read together with the question it answers.
 */
export function answerToClarification(
  view: ConversationView,
  text: string,
  classified: readonly ClassifiedPart[],
  labelsOf: (intent: string) => readonly string[],
  reclassify: (text: string) => readonly ClassifiedPart[],
  unsureBelow: number,
): readonly ClassifiedPart[] {
  if (view.lastKind !== 'clarify') return classified;
  const answer = folded(text);
  const picked = view.lastSuggestions.find(
    (candidate) =>
      folded(candidate.intent) === answer ||
      labelsOf(candidate.intent).some((label) => folded(label) === answer),
  );
  if (picked) {
    return [{ text, intent: picked.intent, department: picked.department, confidence: 1, outOfScope: false }];
  }
  const sure = (part: ClassifiedPart) => !part.outOfScope && part.confidence >= unsureBelow;
  if (classified.some(sure) || !view.problemText) return classified;
  const together = reclassify(`${view.problemText} ${text}`);
  return together.some(sure) ? together : classified;
}
