import type { Language } from '../../domain/vocabulary.js';

const SAFE_ANSWERS: Record<Language, string> = {
  cs: 'Omlouváme se, na tento dotaz vám zde nemůžeme odpovědět. Předali jsme ho kolegům z podpory, kteří se vám brzy ozvou.',
  en: "Sorry, I can't answer that here. I've passed your request to a colleague from our support team, who will get back to you shortly.",
};

/** What the customer reads instead of an answer that failed the output check. */
export function safeAnswer(language: Language): string {
  return SAFE_ANSWERS[language];
}
