const COMBINING_MARKS = /\p{M}+/gu;
const TOKEN = /[\p{L}\p{N}]+/gu;
const DIGIT = /\p{N}/gu;

/**
 * Lower case without diacritics: Czech customers often type without them ("prihlaseni"), so the
 * model sees "přihlášení" and "prihlaseni" as the same word.
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

/**
 * Folded word tokens. Digits become `0`: amounts, dates and error codes vary without changing the
 * need, but "a number was here" is still a useful signal.
 */
export function tokenize(text: string): string[] {
  return (foldText(text).match(TOKEN) ?? []).map((token) => token.replace(DIGIT, '0'));
}
