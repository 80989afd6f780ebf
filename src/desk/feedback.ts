import type { Blackboard } from '../blackboard/index.js';
import { Feedback, type FeedbackOutcome } from '../domain/query.js';
import { InvalidInputError, QueryNotFoundError, UnknownIntentError, formatIssues } from './errors.js';
import type { Learning } from './learning.js';
import { notify } from './llm-wiring.js';
import type { DeskObserver } from './observer.js';

export interface FeedbackDeps {
  blackboard: Blackboard;
  learning: Learning;
  observer: DeskObserver;
}

/** The query's own words, as the customer sent them (merged texts included). */
async function originalText(
  blackboard: Blackboard,
  conversationId: string,
  queryId: string,
  fallback: string,
) {
  const conversation = await blackboard.get(conversationId);
  const asked = conversation?.entries.find((entry) => entry.kind === 'message' && entry.queryId === queryId);
  return asked?.kind === 'message' ? asked.text : fallback;
}

/**
 * Records feedback as a `feedback` fact on the query's conversation (`resolved: false` is read by the
 * router as "that didn't help"); a `correctIntent` goes to the learner with the query's text and, when
 * applied, the new model is handed to `replicate` for the workers.
 */
export async function recordFeedback(
  deps: FeedbackDeps,
  queryId: string,
  raw: Feedback,
  replicate: (model: unknown) => void,
): Promise<FeedbackOutcome> {
  const parsed = Feedback.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError('feedback', formatIssues(parsed.error));
  const feedback = parsed.data;
  const result = await deps.blackboard.getResult(queryId);
  if (!result) throw new QueryNotFoundError(queryId);
  const { correctIntent } = feedback;
  if (correctIntent !== undefined && !deps.learning.knows(correctIntent))
    throw new UnknownIntentError(correctIntent);
  await deps.blackboard.append(result.conversationId, {
    kind: 'fact',
    by: 'customer',
    key: 'feedback',
    value: { queryId, ...feedback },
    queryId,
  });
  if (correctIntent === undefined) return { queryId, recorded: true, learning: 'none' };

  const fallback = result.parts.map((part) => part.text).join('\n');
  const text = await originalText(deps.blackboard, result.conversationId, queryId, fallback);
  const outcome = await deps.learning.correct(text, correctIntent);
  const reason = outcome.reason ? { reason: outcome.reason } : {};
  notify(() => deps.observer.learning?.({ applied: outcome.applied, intent: correctIntent, ...reason }));
  if (!outcome.applied) return { queryId, recorded: true, learning: 'refused', ...reason };
  replicate(deps.learning.modelJson());
  return { queryId, recorded: true, learning: 'applied' };
}
