import type { Page } from 'playwright-core';

/**
 * Runs in the page: notes every distinct value an element shows (its text, or one attribute) from now
 * on. Kept as source text because the tests are type-checked without the DOM library.
 */
const RECORD = `(({ key, selector, attribute }) => {
  const seen = [];
  const note = () => {
    const element = document.querySelector(selector);
    const value = element ? (attribute ? element.getAttribute(attribute) : element.textContent) : null;
    if (value !== null && seen[seen.length - 1] !== value) seen.push(value);
  };
  note();
  new MutationObserver(note).observe(document.body, {
    subtree: true, childList: true, characterData: true, attributes: true,
  });
  (window.recorded ??= {})[key] = seen;
})`;

/** Starts recording what `selector` shows; the returned function reads the values seen so far. */
export async function record(
  page: Page,
  selector: string,
  attribute?: string,
): Promise<() => Promise<string[]>> {
  const key = `${selector}|${attribute ?? ''}`;
  await page.evaluate(`${RECORD}(${JSON.stringify({ key, selector, attribute })})`);
  return async () => (await page.evaluate(`window.recorded[${JSON.stringify(key)}]`)) as string[];
}
