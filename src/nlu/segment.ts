import { foldText } from './normalize.js';

type SegmentLanguage = 'cs' | 'en' | 'other';

// Longest phrases first so "a taky" wins over "a". Matched on folded text, so "a navic" == "a navíc".
const CONNECTORS: Record<'cs' | 'en', readonly string[]> = {
  cs: [
    'a k tomu',
    'a krome toho',
    'a zaroven',
    'a navic',
    'a jeste',
    'a taky',
    'a take',
    'a pak',
    'krome toho',
    'a',
    'ale',
    'navic',
    'taky',
    'plus',
    'takze',
    'zaroven',
  ],
  en: [
    'and also',
    'and then',
    'and another thing',
    'as well as',
    'on top of that',
    'additionally',
    'besides',
    'and',
    'also',
    'plus',
    'but',
    'so',
  ],
};
const PUNCTUATION = /[,;.!?]+|\s[-–—]\s/gu;
// A comma before one of these opens a dependent clause ("padá mi, když otevřu fakturu": it crashes
// when I open an invoice), which qualifies the clause before it rather than asking for something new.
// Czech puts a comma before every such clause; English sometimes. Matched on folded text.
const SUBORDINATORS: Record<'cs' | 'en', RegExp> = {
  cs: /^\s*(?:kdyz|protoze|jelikoz|pokud|jestli|jestlize|ze|aby|abych|abyste|ktery|ktera|ktere|kteri|kterou|kterem|coz|zatimco|prestoze|ackoli|nez|dokud|jakmile)(?![\p{L}\p{N}])/u,
  en: /^\s*(?:when|whenever|because|since|if|that|which|while|although|though|unless|until|after|before|as soon as)(?![\p{L}\p{N}])/u,
};
const WORD = /[\p{L}\p{N}]+/gu;
// A clause needs this many words to stand as a request of its own ("heslo a login" stays whole).
const MIN_WORDS = 2;

// Each character's folded form, remembered: folding a message one character at a time (a Unicode
// normalisation per character) was most of segmenting. Messages use few distinct characters; the bound
// only stops odd input from growing it.
const foldedChars = new Map<string, string>();
const FOLDED_CHARS_LIMIT = 4096;

function foldChar(ch: string): string {
  let folded = foldedChars.get(ch);
  if (folded === undefined) {
    const candidate = foldText(ch);
    folded =
      candidate.length === ch.length
        ? candidate
        : ch.toLowerCase().slice(0, ch.length).padEnd(ch.length, ' ');
    if (foldedChars.size < FOLDED_CHARS_LIMIT) foldedChars.set(ch, folded);
  }
  return folded;
}

/** Folds one character at a time so positions in the folded text match positions in the original. */
function foldAligned(text: string): string {
  let out = '';
  for (const ch of text) out += foldChar(ch);
  return out;
}

function connectorPattern(language: SegmentLanguage): RegExp {
  const words = CONNECTORS[language === 'cs' ? 'cs' : 'en'].map((phrase) => phrase.replace(/ /g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

const patterns = new Map<SegmentLanguage, RegExp>();

/**
 * Splits a message into clauses at punctuation and conjunctions ("a navíc", "and also", "ale", ...),
 * so the router can classify each request on its own; a comma that opens a dependent clause ("když",
 * "because") is not a cut. Clauses of fewer than two words are joined to
 * their neighbour; a message with one clause comes back whole.
 */
export function segment(text: string, language: SegmentLanguage): string[] {
  let pattern = patterns.get(language);
  if (!pattern) {
    pattern = connectorPattern(language);
    patterns.set(language, pattern);
  }
  const folded = foldAligned(text);
  const cuts: Array<[number, number]> = [];
  const subordinator = SUBORDINATORS[language === 'cs' ? 'cs' : 'en'];
  for (const match of folded.matchAll(PUNCTUATION)) {
    const end = match.index + match[0].length;
    if (match[0] === ',' && subordinator.test(folded.slice(end, end + 24))) continue;
    cuts.push([match.index, end]);
  }
  for (const match of folded.matchAll(pattern)) cuts.push([match.index, match.index + match[0].length]);
  cuts.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let start = 0;
  for (const [from, to] of cuts) {
    if (from < start) continue;
    parts.push(text.slice(start, from));
    start = to;
  }
  parts.push(text.slice(start));
  const clauses: string[] = [];
  let pending = '';
  for (const part of parts.map((p) => p.trim()).filter((p) => p.length > 0)) {
    const joined = pending ? `${pending} ${part}` : part;
    if ((joined.match(WORD) ?? []).length < MIN_WORDS) {
      pending = joined;
      continue;
    }
    clauses.push(joined);
    pending = '';
  }
  if (pending) {
    if (clauses.length > 0)
      clauses[clauses.length - 1] = `${clauses[clauses.length - 1] as string} ${pending}`;
    else clauses.push(pending);
  }
  return clauses.length > 1 ? clauses : [text.trim()];
}
