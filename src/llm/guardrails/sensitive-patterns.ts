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

// The pattern scans every word for an `@`; most answers have none, so look first.
export function emailsIn(text: string): string[] {
  if (!text.includes('@')) return [];
  return [...text.matchAll(EMAIL)].map((match) => match[0].toLowerCase());
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
