import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Department } from '../../src/domain/vocabulary.js';
import { loadKnowledgeBase, readArticles } from '../../src/knowledge/index.js';
import { demoDesk } from '../support/demo-desk.js';

const catalog = {
  intents: Object.entries(demoDesk().intents).map(([intent, { value }]) => ({
    intent,
    department: value.department,
    clarify: value.clarify === true,
  })),
};
const ROUTER_INTENTS = new Set(catalog.intents.map((entry) => entry.intent));

describe("the demo desk's articles", () => {
  const articles = readArticles(demoDesk().knowledgeDirs);

  it('all parse, in both languages, with the same ids in each', () => {
    const ids = (language: string) =>
      articles
        .filter((article) => article.language === language)
        .map((article) => article.id)
        .sort();
    expect(ids('cs').length).toBeGreaterThanOrEqual(25);
    expect(ids('cs')).toEqual(ids('en'));
  });

  it('list only intents the router knows, each in its own department', () => {
    const departmentOf = new Map(catalog.intents.map((entry) => [entry.intent, entry.department]));
    for (const article of articles) {
      for (const intent of article.intents ?? []) {
        expect(ROUTER_INTENTS, `${article.language}/${article.id}`).toContain(intent);
        expect(
          Department.parse(departmentOf.get(intent)),
          `${article.language}/${article.id}: ${intent}`,
        ).toBe(article.department);
      }
    }
  });

  it('cover every specialist intent in both languages, but those asked about (clarify)', () => {
    const specialistIntents = catalog.intents.filter(
      (entry) => entry.department !== 'escalation' && !entry.clarify,
    );
    for (const language of ['cs', 'en']) {
      const covered = new Set(
        articles
          .filter((article) => article.language === language)
          .flatMap((article) => article.intents ?? []),
      );
      for (const { intent } of specialistIntents) expect(covered, `${language}: ${intent}`).toContain(intent);
    }
  });

  it('agree between the two languages on department and intents', () => {
    for (const english of articles.filter((article) => article.language === 'en')) {
      const czech = articles.find((article) => article.language === 'cs' && article.id === english.id);
      expect({ department: czech?.department, intents: czech?.intents }).toEqual({
        department: english.department,
        intents: english.intents,
      });
    }
  });
});

describe('loadKnowledgeBase from a directory', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'swarmdesk-kb-'));
    mkdirSync(join(dir, 'en'));
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'ignored.md'), 'not an article');
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the articles of the directory, with the id from the file name when none is given', () => {
    writeFileSync(
      join(dir, 'en', 'parking.md'),
      '---\ndepartment: general\ntitle: Office parking\nkeywords: [parking]\n---\nPark in level -2.',
    );
    const kb = loadKnowledgeBase([dir]);
    expect(kb.size).toBe(1);
    expect(kb.search('where can I park', { language: 'en' })[0]?.article.id).toBe('parking');
  });

  it("adds a later folder's articles to an earlier one's, replacing those with the same id", () => {
    const shipped = readArticles(demoDesk().knowledgeDirs);
    writeFileSync(
      join(dir, 'en', 'contact-hours.md'),
      '---\ndepartment: general\ntitle: Our hours\n---\nWe answer around the clock.',
    );
    writeFileSync(
      join(dir, 'en', 'parking.md'),
      '---\ndepartment: general\ntitle: Office parking\n---\nPark in level -2.',
    );
    const merged = readArticles([...demoDesk().knowledgeDirs, dir]);
    expect(merged).toHaveLength(shipped.length + 1);
    expect(merged.find((article) => article.language === 'en' && article.id === 'contact-hours')?.title).toBe(
      'Our hours',
    );
  });

  it('fails with KNOWLEDGE_INVALID naming the malformed file and line', () => {
    const file = join(dir, 'en', 'broken.md');
    writeFileSync(file, '---\nid: broken\ndepartment: Sales Team\ntitle: Broken\n---\nBody');
    expect(() => loadKnowledgeBase([dir])).toThrow(
      expect.objectContaining({ code: 'KNOWLEDGE_INVALID', details: { file, line: 3 } }),
    );
  });

  it('rejects two files with the same id in one language', () => {
    const article = '---\nid: same\ndepartment: general\ntitle: Same\n---\nBody';
    writeFileSync(join(dir, 'en', 'a.md'), article);
    writeFileSync(join(dir, 'en', 'b.md'), article);
    expect(() => loadKnowledgeBase([dir])).toThrow(/already used/);
  });
});
