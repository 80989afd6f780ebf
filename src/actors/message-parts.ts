import type { Language } from '../domain/vocabulary.js';
import { foldTerm } from '../knowledge/index.js';
import type { ClassifiedPart } from './routing-plan.js';

/** From this confidence a part stands on its own even when it is short or refers back. */
export const STANDALONE_CONFIDENCE = 0.75;
/** Parts this short are context ("I moved") unless the model is sure of them. */
const SHORT_WORDS = 2;
const SHORT_STANDALONE_CONFIDENCE = 0.9;

// Words that point back at something said before in the message ("I need *it* for my accountant").
// Per language: the Czech "to" (it) is the English "to".
const BACK_REFERENCES: Record<Language, ReadonlySet<string>> = {
  cs: new Set('ji ho je ni nej nim to tu toho tom tim ten ta tuhle tohle'.split(' ')),
  en: new Set('it them this that these those'.split(' ')),
};

function words(text: string): string[] {
  return foldTerm(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

function confident(part: ClassifiedPart, unsureBelow: number): boolean {
  return !part.outOfScope && part.confidence >= unsureBelow;
}

/**
 * A clause with no need of its own: context, an aside, a reference back ("potřebuju ji pro účetní"),
 * or a clause the model is unsure of. Only meaningful next to a part that carries a need.
 */
export function isFragment(part: ClassifiedPart, unsureBelow: number, language: Language): boolean {
  if (!confident(part, unsureBelow)) return true;
  const tokens = words(part.text);
  if (tokens.length <= SHORT_WORDS && part.confidence < SHORT_STANDALONE_CONFIDENCE) return true;
  const references = BACK_REFERENCES[language];
  return part.confidence < STANDALONE_CONFIDENCE && tokens.some((word) => references.has(word));
}

/** `part` is below standalone confidence, and in `need`'s department or reads as `need` too. */
function halfSureWith(part: ClassifiedPart, need: ClassifiedPart): boolean {
  return (
    part.confidence < STANDALONE_CONFIDENCE &&
    (part.department === need.department ||
      (part.alternatives ?? []).some((reading) => reading.intent === need.intent))
  );
}

function joined(a: ClassifiedPart, b: ClassifiedPart, lead: ClassifiedPart): ClassifiedPart {
  return { ...lead, text: `${a.text} ${b.text}` };
}

/**
 * The needs of a message: fragments join the part they qualify (the one before them, or the next
 * when they come first), and parts that resolve to the same intent become one part, so each need is
 * answered once. A message with no part that carries a need is returned as it is.
 */
export function needsOf(
  parts: readonly ClassifiedPart[],
  unsureBelow: number,
  language: Language,
): ClassifiedPart[] {
  const isFragmentHere = (part: ClassifiedPart) => isFragment(part, unsureBelow, language);
  const anchored = parts.some((part) => !isFragmentHere(part));
  if (!anchored) return [...parts];
  const kept: ClassifiedPart[] = [];
  let leading: ClassifiedPart | undefined;
  for (const part of parts) {
    const last = kept.at(-1);
    // A clause the model is only half sure of, in the department of the need before it or with that
    // need among its likely readings, most likely goes on with it ("the sync between my laptop | and
    // phone stopped working"; "…accept the team invitation, | the link says expired", which a reset
    // link could say too), not a new one.
    const goesOn = last !== undefined && halfSureWith(part, last);
    if (isFragmentHere(part) || goesOn) {
      if (last) kept[kept.length - 1] = joined(last, part, last);
      else leading = leading ? joined(leading, part, leading) : part;
      continue;
    }
    // The same, the other way: a first clause half sure of itself leads up to the need after it
    // ("Zaplatil jsem kartou | a nepřišla mi faktura").
    const first = kept.length === 1 ? last : undefined;
    if (
      first &&
      first.intent !== part.intent &&
      halfSureWith(first, part) &&
      part.confidence > first.confidence
    ) {
      kept[0] = joined(first, part, part);
      continue;
    }
    const base = leading ? joined(leading, part, part) : part;
    leading = undefined;
    const same = kept.findIndex((other) => other.intent === base.intent);
    const earlier = kept[same];
    if (earlier) kept[same] = joined(earlier, base, earlier.confidence >= base.confidence ? earlier : base);
    else kept.push(base);
  }
  return kept;
}
