/** Patterns for data an answer may leak; shared by the output check and the streaming hold-back. */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// A digit run with phone-style separators; not preceded by a letter, digit or dash so that
// invoice numbers such as INV-2024-000123 do not count. Digit count is checked separately.
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}-])\+?\(?\d[\d\s()./-]{7,}\d/gu;
const PHONE_DIGITS = { min: 9, max: 15 };

export const CUSTOMER_ID = /\bCUST[-_]?\d{2,}\b/gi;

export const SECRETS: readonly RegExp[] = [
  /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\b(?:api[_-]?key|secret|password|access[_-]?token)\s*[:=]\s*\S{8,}/i,
  /\bBearer\s+[A-Za-z0-9._~+/-]{20,}/,
];

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** Every character an e-mail match can hold: a match lies inside one unbroken run of them. */
const EMAIL_CHAR = /^[\p{L}\p{N}._%+@-]$/u;

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Where the run of e-mail characters around `at` starts and ends (whole code points). */
function emailRun(text: string, at: number): { start: number; end: number } {
  let start = at;
  while (start > 0) {
    const width =
      start > 1 && isLowSurrogate(text.charCodeAt(start - 1)) && isHighSurrogate(text.charCodeAt(start - 2))
        ? 2
        : 1;
    if (!EMAIL_CHAR.test(text.slice(start - width, start))) break;
    start -= width;
  }
  let end = at + 1;
  while (end < text.length) {
    const width = (text.codePointAt(end) as number) > 0xffff ? 2 : 1;
    if (!EMAIL_CHAR.test(text.slice(end, end + width))) break;
    end += width;
  }
  return { start, end };
}

/**
 * The e-mail addresses in `text`, as the pattern finds them over the whole text. The pattern tries
 * every word and backtracks through it looking for an `@`: over an article of a few KB that was a
 * fifth of the LLM thread's CPU under load. Since a match cannot cross a character outside
 * `EMAIL_CHAR`, it runs only on the runs of such characters that hold an `@`.
 */
export function emailsIn(text: string): string[] {
  const found: string[] = [];
  let at = text.indexOf('@');
  while (at !== -1) {
    const { start, end } = emailRun(text, at);
    for (const match of text.slice(start, end).matchAll(EMAIL)) found.push(match[0].toLowerCase());
    at = text.indexOf('@', end);
  }
  return found;
}

/** Phone numbers as digit strings. */
export function phonesIn(text: string): string[] {
  if (!/\d/.test(text)) return [];
  return [...text.matchAll(PHONE_CANDIDATE)]
    .map((match) => digitsOf(match[0]))
    .filter((digits) => digits.length >= PHONE_DIGITS.min && digits.length <= PHONE_DIGITS.max);
}

/** The same number with or without a country code: compare the last nine digits. */
export function samePhone(a: string, b: string): boolean {
  const tail = PHONE_DIGITS.min;
  return a.length >= tail && b.length >= tail && a.slice(-tail) === b.slice(-tail);
}
