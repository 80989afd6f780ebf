import { describe, expect, it } from 'vitest';
import { createKnowledgeBase, loadKnowledgeBase, type Article } from '../../src/knowledge/index.js';
import { demoDesk } from '../support/demo-desk.js';
import { RETRIEVAL_CASES, UNRELATED_QUERIES } from './retrieval-cases.js';

const kb = loadKnowledgeBase(demoDesk().knowledgeDirs);

describe('shipped knowledge base search', () => {
  it.each(RETRIEVAL_CASES)('"$text" ($language) finds $expected first', ({ text, language, expected }) => {
    expect(kb.search(text, { language })[0]?.article.id).toBe(expected);
  });

  it.each(UNRELATED_QUERIES)('"$text" ($language) finds nothing', ({ text, language }) => {
    expect(kb.search(text, { language })).toEqual([]);
  });

  it('matches with and without diacritics alike', () => {
    const withMarks = kb.search('přihlášení', { language: 'cs' });
    const without = kb.search('prihlaseni', { language: 'cs' });
    expect(without.map((hit) => hit.article.id)).toEqual(withMarks.map((hit) => hit.article.id));
    expect(without[0]?.article.id).toBe('login-troubleshooting');
  });

  it('returns only articles in the requested language', () => {
    const czech = kb.search('faktura invoice', { language: 'cs', limit: 10 });
    const english = kb.search('faktura invoice', { language: 'en', limit: 10 });
    expect(czech.length).toBeGreaterThan(0);
    expect(english.length).toBeGreaterThan(0);
    expect(czech.every((hit) => hit.article.language === 'cs')).toBe(true);
    expect(english.every((hit) => hit.article.language === 'en')).toBe(true);
  });

  it('filters by department', () => {
    const hits = kb.search('payment card invoice password', {
      language: 'en',
      department: 'technical',
      limit: 10,
    });
    expect(hits.map((hit) => hit.article.id)).toContain('password-reset');
    expect(hits.every((hit) => hit.article.department === 'technical')).toBe(true);
  });

  it('respects the limit and orders hits by score', () => {
    const hits = kb.search('faktura platba karta', { language: 'cs', limit: 2 });
    expect(hits).toHaveLength(2);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
  });

  it('finds the same hits whatever was searched before (terms are remembered per language and intent, not per department)', () => {
    const text = 'I was charged twice and the app crashes at login';
    const queries = [
      { language: 'en', department: 'technical' },
      { language: 'en', department: 'billing', intent: 'refund_request' },
      { language: 'en', intent: 'login_problem' },
      { language: 'en' },
    ] as const;
    const fresh = () => loadKnowledgeBase(demoDesk().knowledgeDirs);
    const scored = (hits: ReturnType<typeof kb.search>) => hits.map((hit) => [hit.article.id, hit.score]);
    const cold = queries.map((options) => scored(fresh().search(text, { ...options, limit: 10 })));
    const warm = fresh();
    const again = queries.map((options) => scored(warm.search(text, { ...options, limit: 10 })));
    expect(again).toEqual(cold);
    expect(new Set(cold.map((hits) => JSON.stringify(hits))).size).toBe(queries.length);
  });

  it('gets an article by id, per language', () => {
    expect(kb.get('invoices', 'cs')?.title).toMatch(/Faktury/);
    expect(kb.get('invoices')?.language).toBe('en');
    expect(kb.get('no-such-article')).toBeUndefined();
  });
});

describe('createKnowledgeBase', () => {
  const article = (id: string, intents: string[]): Article => ({
    id,
    department: 'billing',
    language: 'en',
    title: 'Payments',
    body: 'How payments work.',
    tags: [],
    intents,
  });

  it('ranks an article listing the given intent above an otherwise equal one', () => {
    // Two identical articles: only the intent can tell them apart; the noise floor is not under test here.
    const base = createKnowledgeBase([article('a', []), article('b', ['payment_failed'])], {
      minScorePerIdf: 0,
    });
    const withIntent = base.search('payments', { language: 'en', intent: 'payment_failed' });
    expect(withIntent[0]?.article.id).toBe('b');
    expect(withIntent[0]!.score).toBeGreaterThan(withIntent[1]!.score);
  });

  it('counts articles across languages and rejects a duplicate id within one language', () => {
    expect(createKnowledgeBase([article('a', []), { ...article('a', []), language: 'cs' }]).size).toBe(2);
    expect(() => createKnowledgeBase([article('a', []), article('a', [])])).toThrow(
      expect.objectContaining({ code: 'KNOWLEDGE_INVALID' }),
    );
  });
});
