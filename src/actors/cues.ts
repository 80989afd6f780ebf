import { foldTerm } from '../knowledge/index.js';
import { PhraseMatcher } from '../nlu/index.js';

/**
 * Scored lexicons of cues in customer text, matched on folded text (lower case, no diacritics), so
 * "okamžitě" and "okamzite" count alike. A heuristic, not a classifier: each cue found adds its weight.
 */
type Lexicon = ReadonlyArray<readonly [cue: string, weight: number]>;

const URGENCY_CUES: Lexicon = [
  ['urgent', 2],
  ['asap', 2],
  ['immediately', 2],
  ['right now', 1],
  ['emergency', 2],
  ['production', 1],
  ['nothing works', 2],
  ['whole team', 1],
  ['all users', 1],
  ['deadline', 1],
  ['today', 1],
  ['urgentn', 2],
  ['nalehav', 2],
  ['okamzit', 2],
  ['ihned', 2],
  ['co nejdriv', 2],
  ['nic nefunguje', 2],
  ['cely tym', 1],
  ['vsichni', 1],
  ['dnes', 1],
  ['vypadek', 2],
  ['outage', 2],
];

const NEGATIVE_CUES: Lexicon = [
  ['angry', 2],
  ['furious', 3],
  ['terrible', 2],
  ['horrible', 2],
  ['awful', 2],
  ['unacceptable', 3],
  ['ridiculous', 2],
  ['disappointed', 1],
  ['fed up', 2],
  ['worst', 2],
  ['scam', 3],
  ['again', 1],
  ['still', 1],
  ['!!', 1],
  ['nastvan', 2],
  ['rozcilen', 2],
  ['hrozn', 2],
  ['strasn', 2],
  ['neprijateln', 3],
  ['zklaman', 1],
  ['podvod', 3],
  ['uz zase', 2],
  ['zase', 1],
  ['porad', 1],
  ['stale', 1],
  ['uz mam dost', 3],
];

const LEGAL_CUES: Lexicon = [
  ['lawyer', 3],
  ['attorney', 3],
  [' sue ', 3],
  ['lawsuit', 3],
  ['legal action', 3],
  ['court', 2],
  ['consumer protection', 2],
  ['pravnik', 3],
  ['advokat', 3],
  ['zalob', 3],
  ['zalov', 3],
  ['zaluj', 3],
  ['soud', 2],
  ['pravni krok', 3],
  [' coi ', 2],
];

const HUMAN_REQUEST_CUES: Lexicon = [
  ['human', 3],
  ['real person', 3],
  ['live agent', 3],
  ['operator', 2],
  ['speak to someone', 3],
  ['talk to someone', 3],
  ['manager', 2],
  ['clovek', 3],
  ['cloveka', 3],
  ['zivy', 2],
  ['zivou osobu', 3],
  ['spojte me', 3],
  ['mluvit s nekym', 3],
  ['vedouci', 2],
];

/** "That didn't help": the previous answer did not solve the problem. */
const NOT_HELPED_CUES: Lexicon = [
  ["didn't help", 3],
  ['did not help', 3],
  ["doesn't help", 3],
  ['not helpful', 3],
  ["didn't work", 3],
  ['did not work', 3],
  ['still not working', 3],
  ['still does not', 3],
  ["still doesn't", 3],
  ['still the same', 3],
  ['same problem', 3],
  ['nepomohlo', 3],
  ['nepomohl', 3],
  ['nepomaha', 3],
  ['porad nefunguje', 3],
  ['stale nefunguje', 3],
  ['furt nefunguje', 3],
  ['porad stejne', 3],
  ['stejny problem', 3],
  ['to nefunguje', 2],
];

/** "Again", "still": the problem is back, which after an answer about it means the answer did not hold. */
const RECURRING_CUES: Lexicon = [
  [' again ', 3],
  [' still ', 3],
  [' once more ', 3],
  [' zase ', 3],
  [' znovu', 3],
  [' opet ', 3],
  [' porad ', 3],
  [' stale ', 3],
  [' furt ', 3],
];

/** Text folded for cue matching; also collapses whitespace so multi-word cues match across line breaks. */
export function foldText(text: string): string {
  return ` ${foldTerm(text).replace(/\s+/g, ' ')} `;
}

/** Sum of the weights of the cues found in already folded text. */
function score(folded: string, lexicon: Lexicon): number {
  let total = 0;
  for (const [cue, weight] of lexicon) if (folded.includes(cue)) total += weight;
  return total;
}

type Scale = 'urgency' | 'negative' | 'legal' | 'human' | 'notHelped';

const SCALES: ReadonlyArray<readonly [Scale, Lexicon]> = [
  ['urgency', URGENCY_CUES],
  ['negative', NEGATIVE_CUES],
  ['legal', LEGAL_CUES],
  ['human', HUMAN_REQUEST_CUES],
  ['notHelped', NOT_HELPED_CUES],
];

// Every query's text is scored (for its mailbox priority, then by the router): one pass over it for
// the hundred cues of these scales, where a search per cue read it a hundred times.
const CUES = SCALES.flatMap(([scale, lexicon]) => lexicon.map(([cue, weight]) => ({ scale, cue, weight })));
const CUE_MATCHER = new PhraseMatcher(CUES.map(({ cue }) => cue));

/** Shouting needs more than 0.6 of at least 12 letters in upper case, so at least this many. */
const SHOUTING_MIN_UPPER = 8;

export interface CueScores {
  urgency: number;
  negative: number;
  legal: number;
  human: number;
  notHelped: number;
  recurring: number;
  /** Share of upper-case letters when the text has enough of them: shouting. */
  shouting: boolean;
}

export function scoreCues(text: string): CueScores {
  const folded = foldText(text);
  const scores: Record<Scale, number> = { urgency: 0, negative: 0, legal: 0, human: 0, notHelped: 0 };
  for (const index of CUE_MATCHER.found(folded)) {
    const { scale, weight } = CUES[index] as (typeof CUES)[number];
    scores[scale] += weight;
  }
  return {
    ...scores,
    // Matched on whole words: " zase " must not match "zasekava" (freezes).
    recurring: score(` ${words(folded)} `, RECURRING_CUES),
    shouting: shouting(text),
  };
}

/** Runs of anything but letters and digits made one space; ASCII text skips the Unicode-aware pattern. */
function words(folded: string): string {
  return NOT_ASCII.test(folded)
    ? folded.replace(/[^\p{L}\p{N}]+/gu, ' ')
    : folded.replace(/[^A-Za-z0-9]+/g, ' ');
}

function shouting(text: string): boolean {
  const upper = countOf(text, 'Lu');
  if (upper < SHOUTING_MIN_UPPER) return false;
  const letters = countOf(text, 'L');
  return letters >= 12 && upper / letters > 0.6;
}

const NOT_ASCII = /[\u0080-\uffff]/;
const CATEGORY = { Lu: /^\p{Lu}$/u, L: /^\p{L}$/u };

/**
 * Code points of `text` in a Unicode category: what replacing the others with a `u` pattern counts,
 * without building that string, and with ASCII (most of a message) decided without the pattern.
 */
function countOf(text: string, category: keyof typeof CATEGORY): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      const upper = unit >= 0x41 && unit <= 0x5a;
      if (upper || (category === 'L' && unit >= 0x61 && unit <= 0x7a)) count++;
      continue;
    }
    const point = text.codePointAt(i) as number;
    if (point > 0xffff) i++;
    if (CATEGORY[category].test(String.fromCodePoint(point))) count++;
  }
  return count;
}
