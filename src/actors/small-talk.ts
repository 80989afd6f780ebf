import type { Language } from '../domain/vocabulary.js';
import { foldTerm } from '../knowledge/index.js';
import type { DeskTexts, SmallTalkPhrases } from '../domain/desk-texts.js';

type SmallTalkKind = 'greeting' | 'thanks' | 'resolved' | 'goodbye';

export interface SmallTalk {
  /** What was said, in the order replies are given: a resolution or thanks before a goodbye. */
  kinds: SmallTalkKind[];
  /** The language whose phrases matched: short messages fool language detection. */
  language: Language;
}

const KINDS: readonly SmallTalkKind[] = ['resolved', 'thanks', 'greeting', 'goodbye'];

function words(text: string): string[] {
  return foldTerm(text)
    .replace(/[’']/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .filter((word) => word.length > 0);
}

/** Removes every occurrence of `phrase` (whole words) from `tokens`; true if one was found. */
function strike(tokens: Array<string | undefined>, phrase: readonly string[]): boolean {
  let found = false;
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (phrase.every((word, k) => tokens[i + k] === word)) {
      for (let k = 0; k < phrase.length; k++) tokens[i + k] = undefined;
      found = true;
    }
  }
  return found;
}

/** A language's phrases as tokens, longest first per kind, with every word they and the filler use. */
interface CompiledPhrases {
  byKind: ReadonlyArray<readonly [SmallTalkKind, ReadonlyArray<readonly string[]>]>;
  filler: ReadonlySet<string>;
  vocabulary: ReadonlySet<string>;
}

// Every message is checked against both languages' phrases; tokenizing them once per desk text object
// keeps that to one pass over the message's own words.
const compiled = new WeakMap<SmallTalkPhrases, CompiledPhrases>();

function compile(phrases: SmallTalkPhrases): CompiledPhrases {
  const known = compiled.get(phrases);
  if (known) return known;
  const byKind = KINDS.map((kind) => {
    // Longest phrases first, so "thank you very much" is struck whole before "thank you".
    const sorted = phrases[kind]
      .map(words)
      .filter((phrase) => phrase.length > 0)
      .sort((a, b) => b.length - a.length);
    return [kind, sorted] as const;
  });
  const filler = new Set(phrases.filler.flatMap(words));
  const vocabulary = new Set([...filler, ...byKind.flatMap(([, sorted]) => sorted.flat())]);
  const result = { byKind, filler, vocabulary };
  compiled.set(phrases, result);
  return result;
}

function match(tokens: readonly string[], phrases: SmallTalkPhrases): SmallTalkKind[] | undefined {
  const { byKind, filler, vocabulary } = compile(phrases);
  // A word no phrase or filler uses means the message says something else.
  if (tokens.some((word) => !vocabulary.has(word))) return undefined;
  const left: Array<string | undefined> = [...tokens];
  const found = new Set<SmallTalkKind>();
  for (const [kind, sorted] of byKind) {
    for (const phrase of sorted) if (strike(left, phrase)) found.add(kind);
  }
  if (found.size === 0) return undefined;
  if (left.some((word) => word !== undefined && !filler.has(word))) return undefined;
  return KINDS.filter((kind) => found.has(kind));
}

/**
 * The message is nothing but small talk (greetings, thanks, "it works now", goodbyes): undefined as
 * soon as it carries anything else, so "thanks, but it still crashes" is a message about the crash.
 */
export function detectSmallTalk(text: string, detected: Language, texts: DeskTexts): SmallTalk | undefined {
  const tokens = words(text);
  if (tokens.length === 0) return undefined;
  const other: Language = detected === 'cs' ? 'en' : 'cs';
  for (const language of [detected, other]) {
    const kinds = match(tokens, texts[language].smallTalk);
    if (kinds) return { kinds, language };
  }
  return undefined;
}

/** The short reply to small talk: one sentence per kind, a greeting only when nothing else was said. */
export function smallTalkReply(talk: SmallTalk, texts: DeskTexts): string {
  const replies = texts[talk.language].replies;
  const kinds = talk.kinds.filter((kind) => kind !== 'greeting');
  // "It works, thanks" gets one answer, the resolution's, which already says what thanks would.
  const said = kinds.includes('resolved') ? kinds.filter((kind) => kind !== 'thanks') : kinds;
  if (said.length === 0) return replies.greeting;
  return said.map((kind) => replies[kind]).join(' ');
}
