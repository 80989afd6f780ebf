import type { Article } from './knowledge-base.js';
import { termProcessor } from './terms.js';

/** A list item of an article's body: "1. …", "- …" or "* …". */
const LIST_ITEM = /^(\s*)(?:(\d+)\.|[-*])\s+(.+)$/;
const WORD = /[\p{L}\p{N}]+/gu;
/**
 * An item that names its topic before a colon ("**Dark mode**: …", "Rate limits: …") stands alone, as
 * one entry of a catalog; a step of a procedure ("Choose English …") means little without the steps
 * before it, so it is never taken out of them.
 */
const LABELLED = /^(?:\*\*[^*]+\*\*|[^:.!?*]{1,40}):\s/u;
/** Words of the question that only this item holds (not the title, not another item), to say it first. */
const MIN_OWN_TERMS = 2;
/** Stems this long also meet a longer word ("theme" and "themes"), as the search's prefix match does. */
const PREFIX_MIN_LENGTH = 5;

/** The item said first, and the article's body without it (its list renumbered). */
export interface AnsweringStep {
  step: string;
  body: string;
}

interface ListItem {
  /** The line of the body it is on. */
  index: number;
  text: string;
  terms: ReadonlySet<string>;
}

/** An article's title terms, lines and list items, read once per article: answers reuse them. */
interface ArticleList {
  title: ReadonlySet<string>;
  lines: string[];
  items: ListItem[];
}
const lists = new WeakMap<object, ArticleList>();

function listOf(
  article: Pick<Article, 'title' | 'body'>,
  processTerm: (term: string) => string | null,
): ArticleList {
  const known = lists.get(article);
  if (known) return known;
  const lines = article.body.split('\n');
  const items = lines.flatMap((line, index) => {
    const text = LIST_ITEM.exec(line)?.[3];
    return text === undefined ? [] : [{ index, text: text.trim(), terms: termsOf(text, processTerm) }];
  });
  const list = { title: termsOf(article.title, processTerm), lines, items };
  lists.set(article, list);
  return list;
}

function termsOf(text: string, processTerm: (term: string) => string | null): Set<string> {
  const terms = new Set<string>();
  for (const [word] of text.matchAll(WORD)) {
    const term = processTerm(word);
    if (term !== null) terms.add(term);
  }
  return terms;
}

function meets(term: string, terms: ReadonlySet<string>): boolean {
  if (terms.has(term)) return true;
  for (const other of terms) {
    const [short, long] = term.length <= other.length ? [term, other] : [other, term];
    if (short.length >= PREFIX_MIN_LENGTH && long.startsWith(short)) return true;
  }
  return false;
}

/** The body without line `removed`, the numbered items after it in the same list one lower. */
function withoutLine(lines: readonly string[], removed: number): string {
  const rest = lines.slice(0, removed);
  let renumbering = true;
  for (const line of lines.slice(removed + 1)) {
    const item = renumbering ? LIST_ITEM.exec(line) : null;
    if (item?.[2] === undefined) {
      renumbering = false;
      rest.push(line);
    } else rest.push(`${item[1] ?? ''}${Number(item[2]) - 1}. ${item[3] ?? ''}`);
  }
  return rest.join('\n');
}

/**
 * The one item of an article's list that answers the question, when the article covers more than it
 * asks ("Is there a dark mode?" and the seventh of eight features): a labelled item that holds, of
 * the question's words that the title does not hold and the list does, at least two, all of them, and
 * no other item any. Undefined when no item is that, or when it is the first item, which the customer
 * reads first anyway. A question about what the whole article explains ("How do I add a new
 * member?") shares its words with several items, so it gets the article as it is.
 */
export function answeringStep(
  article: Pick<Article, 'title' | 'body' | 'language'>,
  question: string,
): AnsweringStep | undefined {
  const processTerm = termProcessor(article.language);
  const { title, lines, items } = listOf(article, processTerm);
  const asked = [...termsOf(question, processTerm)].filter((term) => !meets(term, title));
  if (asked.length < MIN_OWN_TERMS) return undefined;
  // Words the article's list never uses say nothing about which item answers; each of the others
  // must be the item's own.
  const used = asked.filter((term) => items.some((item) => meets(term, item.terms)));
  if (used.length < MIN_OWN_TERMS) return undefined;
  const owns = (item: ListItem, term: string): boolean =>
    meets(term, item.terms) && items.every((other) => other === item || !meets(term, other.terms));
  // Each word belongs to one item at most, so at most one item owns them all.
  const only = items.find((item) => used.every((term) => owns(item, term)));
  if (!only || only === items[0] || !LABELLED.test(only.text)) return undefined;
  return { step: only.text, body: withoutLine(lines, only.index) };
}
