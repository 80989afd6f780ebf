import { z } from 'zod';
import { Department } from './vocabulary.js';

/**
 * What a desk says outside of its articles, and the words it takes for small talk: data a desk can
 * override (`<desk>/texts.yaml`). Phrases are matched on folded text (lower case, no diacritics),
 * whole words only.
 */
export const SmallTalkPhrases = z.strictObject({
  greeting: z.array(z.string().min(1)),
  thanks: z.array(z.string().min(1)),
  /** "It works now": the last answer solved the problem. */
  resolved: z.array(z.string().min(1)),
  goodbye: z.array(z.string().min(1)),
  /** Words that may surround the phrases without making the message more than small talk. */
  filler: z.array(z.string().min(1)),
});
export type SmallTalkPhrases = z.infer<typeof SmallTalkPhrases>;

export const ReplyTexts = z.strictObject({
  greeting: z.string().min(1),
  thanks: z.string().min(1),
  resolved: z.string().min(1),
  goodbye: z.string().min(1),
  /** `{scope}` is replaced by `scope` (else by the departments' titles). */
  outOfScope: z.string().min(1),
  /** `{topics}` is replaced by the likeliest topics, joined with `or`. */
  clarify: z.string().min(1),
  /** Joins the last two topics of a clarifying question and of the scope. */
  or: z.string().min(1),
});
export type ReplyTexts = z.infer<typeof ReplyTexts>;

export const LanguageTexts = z.strictObject({
  smallTalk: SmallTalkPhrases,
  replies: ReplyTexts,
  /** What the desk can help with, as a phrase for the out-of-scope reply. */
  scope: z.string().min(1).optional(),
  /** Short names of intents for clarifying questions and suggestion buttons (else their descriptions). */
  topics: z.record(z.string(), z.string().min(1)),
});
export type LanguageTexts = z.infer<typeof LanguageTexts>;

/** A request a person must handle by law or policy: answered, and a ticket in `queue`. */
export const PersonRequiredRule = z.strictObject({
  queue: Department,
  /** Only when the folded message contains one of these (an erasure request, not a question). */
  when: z.array(z.string().min(1)).optional(),
});
export type PersonRequiredRule = z.infer<typeof PersonRequiredRule>;

export const DeskTexts = z.strictObject({
  cs: LanguageTexts,
  en: LanguageTexts,
  /** By intent. */
  personRequired: z.record(z.string(), PersonRequiredRule),
});
export type DeskTexts = z.infer<typeof DeskTexts>;
