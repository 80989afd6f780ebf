import type { DeskProfile } from '../domain/desk-profile.js';
import type { DeskTexts } from '../domain/desk-texts.js';
import type { Language } from '../domain/vocabulary.js';
import { labelSuggestions, listTopics, topicLabel } from './clarification.js';
import { departmentTitle, intentDescription, isSpecialistOf } from './desk-knowledge.js';
import type { RouterReply } from './query-assembly.js';
import type { RoutingPlan } from './routing-plan.js';
import { smallTalkReply } from './small-talk.js';

/** What the router says itself: small talk, a clarifying question, what the desk can help with. */
export function routerReply(
  desk: DeskProfile,
  texts: DeskTexts,
  plan: RoutingPlan,
  language: Language,
): RouterReply | undefined {
  const own = texts[language];
  switch (plan.kind) {
    case 'small_talk':
      return plan.smallTalk
        ? { text: smallTalkReply(plan.smallTalk, texts), suggestions: [], greet: false }
        : undefined;
    case 'out_of_scope': {
      // A desk that does not say what it covers names its departments.
      const scope =
        own.scope ??
        listTopics(
          Object.keys(desk.departments)
            .filter((name) => isSpecialistOf(desk, name))
            .map((name) => departmentTitle(desk, name, language)),
          own.replies.or,
        );
      return { text: own.replies.outOfScope.replace('{scope}', scope), suggestions: [], greet: true };
    }
    case 'clarify': {
      const suggestions = labelSuggestions(plan.suggestions, (intent) =>
        topicLabel(texts, language, intent, (name) => intentDescription(desk, name, language)),
      );
      const topics = listTopics(
        suggestions.map((suggestion) => suggestion.label),
        own.replies.or,
      );
      return { text: own.replies.clarify.replace('{topics}', topics), suggestions, greet: true };
    }
    case 'new':
    case 'sticky':
    case 'retry':
      return undefined;
  }
}

/** Every label a topic may carry in a clarifying question, in any language (a button sends one back). */
export function topicLabels(desk: DeskProfile, texts: DeskTexts, intent: string): string[] {
  return desk.languages.map((language) =>
    topicLabel(texts, language, intent, (name) => intentDescription(desk, name, language)),
  );
}
