import { foldTerm } from '../knowledge/index.js';

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
  const letters = text.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return {
    urgency: score(folded, URGENCY_CUES),
    negative: score(folded, NEGATIVE_CUES),
    legal: score(folded, LEGAL_CUES),
    human: score(folded, HUMAN_REQUEST_CUES),
    notHelped: score(folded, NOT_HELPED_CUES),
    // Matched on whole words: " zase " must not match "zasekava" (freezes).
    recurring: score(` ${folded.replace(/[^\p{L}\p{N}]+/gu, ' ')} `, RECURRING_CUES),
    shouting: letters.length >= 12 && upper / letters.length > 0.6,
  };
}
