import { INSTRUCTION_MARKERS } from '../instruction-markers.js';
import type { GuardVerdict } from './input-check.js';
import { createOutputCheck, type OutputCheckOptions } from './output-check.js';

export interface StreamGuard {
  /** Feed one delta; forwards whatever became safe. */
  push(delta: string): void;
  /** The whole answer arrived: checks it all and forwards the held tail if it passes. */
  finish(text: string): GuardVerdict;
  readonly tripped: boolean;
}

// What could still grow into an e-mail, a key or a customer id (no spaces inside) ...
const TRAILING_WORD = /\S+$/u;
// ... or into a phone number, which may contain spaces.
const TRAILING_NUMBER = /[+(]?\d[\d\s()./-]*$/u;
const LOOKBACK_CHARS = 256;
const MARKERS = INSTRUCTION_MARKERS.map((marker) => marker.toLowerCase());
const LONGEST_MARKER = Math.max(...MARKERS.map((marker) => marker.length));

/**
 * Streams an answer through the output check: text is forwarded only up to a safe point, holding
 * back a tail that could still become an e-mail, phone number, key or a leaked instruction, so a
 * leak is detected before any part of it reaches the customer. Once tripped, nothing more is sent.
 */
export function createStreamGuard(options: OutputCheckOptions, forward: (text: string) => void): StreamGuard {
  const check = createOutputCheck(options);
  let buffer = '';
  let sent = 0;
  let tripped = false;

  return {
    get tripped() {
      return tripped;
    },

    push(delta) {
      if (tripped) return;
      buffer += delta;
      const safeEnd = safePoint(buffer, sent);
      if (safeEnd <= sent) return;
      // Everything before the safe point is settled: matches in it can no longer grow.
      if (!check(buffer.slice(windowStart(buffer, sent), safeEnd)).ok) {
        tripped = true;
        return;
      }
      forward(buffer.slice(sent, safeEnd));
      sent = safeEnd;
    },

    finish(text) {
      const verdict = check(text);
      if (!verdict.ok) tripped = true;
      if (tripped) return verdict.ok ? { ok: false, reasons: ['stream_guard'] } : verdict;
      if (text.startsWith(buffer.slice(0, sent)) && text.length > sent) forward(text.slice(sent));
      return verdict;
    },
  };
}

/**
 * Text before `sent` was checked already; rechecking a bounded look-back instead of the whole
 * answer keeps a long stream linear. The window starts at a word that begins with a letter after
 * whitespace, so it never cuts an e-mail or a phone number in half (a cut one could look foreign).
 */
function windowStart(buffer: string, sent: number): number {
  if (sent <= LOOKBACK_CHARS) return 0;
  const boundary = /\s(?=\p{L})/gu;
  boundary.lastIndex = sent - LOOKBACK_CHARS;
  const match = boundary.exec(buffer);
  return match && match.index < sent ? match.index + 1 : 0;
}

/**
 * Only the unsent tail can still grow into something the check would flag, so the search looks at
 * `buffer.slice(sent)` alone: scanning the whole answer on every delta made a stream quadratic.
 */
function safePoint(buffer: string, sent: number): number {
  const pending = buffer.slice(sent);
  let end = pending.length;
  const word = TRAILING_WORD.exec(pending);
  if (word) end = Math.min(end, word.index);
  const number = TRAILING_NUMBER.exec(pending);
  if (number) end = Math.min(end, number.index);
  const from = Math.max(sent, sent + end - LONGEST_MARKER);
  const lower = buffer.slice(from).toLowerCase();
  for (let start = 0; from + start < sent + end; start += 1) {
    const tail = lower.slice(start);
    if (MARKERS.some((marker) => marker.startsWith(tail) || tail.startsWith(marker))) return from + start;
  }
  return sent + end;
}
