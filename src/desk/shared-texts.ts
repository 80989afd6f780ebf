import type { RouteOutcome } from '../actors/index.js';

/**
 * Makes every repeated text of the router's reply one string. A structured clone copies each
 * occurrence of a string, and the reply repeats the customer's words (the message entry, each intent
 * entry, each part) and every answer (its trail entry, its part, the whole response) across the trail
 * and the result; the memory stores then keep all the copies for thousands of conversations. The
 * reply was cloned for this thread alone, so it is changed in place.
 */
export function shareRepeatedTexts(outcome: RouteOutcome): void {
  const seen = new Map<string, string>();
  const one = (text: string): string => {
    const known = seen.get(text);
    if (known !== undefined) return known;
    seen.set(text, text);
    return text;
  };
  const { result, trail } = outcome;
  result.response = one(result.response);
  for (const part of result.parts) {
    part.text = one(part.text);
    part.response = one(part.response);
  }
  for (const entry of trail.entries) {
    if ('text' in entry && typeof entry.text === 'string') entry.text = one(entry.text);
  }
}
