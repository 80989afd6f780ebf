import { describe, expect, it } from 'vitest';
import { KnowledgeInvalidError, parseArticleFile } from '../../src/knowledge/index.js';
import { thrownBy } from '../support/thrown.js';

const valid = [
  '---',
  'id: login-troubleshooting',
  'department: technical',
  'title: "The app freezes: what to do"',
  'tags: [login, freeze, sign in]',
  'intents: [login_problem]',
  '---',
  '1. Update the app.',
  '2. Restart it.',
].join('\n');

function errorOf(text: string): KnowledgeInvalidError {
  return thrownBy(() => parseArticleFile(text, 'kb/en/broken.md', 'en'), KnowledgeInvalidError);
}

describe('parseArticleFile', () => {
  it('reads the front matter fields, lists and quoted values, and keeps the body', () => {
    const article = parseArticleFile(valid, 'kb/en/login.md', 'en');
    expect(article).toEqual({
      id: 'login-troubleshooting',
      department: 'technical',
      language: 'en',
      title: 'The app freezes: what to do',
      tags: ['login', 'freeze', 'sign in'],
      intents: ['login_problem'],
      body: '1. Update the app.\n2. Restart it.',
    });
  });

  it('accepts Windows line endings and a byte order mark', () => {
    const article = parseArticleFile(`\uFEFF${valid.replaceAll('\n', '\r\n')}`, 'kb/en/login.md', 'en');
    expect(article.tags).toEqual(['login', 'freeze', 'sign in']);
    expect(article.body).toBe('1. Update the app.\n2. Restart it.');
  });

  it('defaults missing tags and intents to empty lists', () => {
    const article = parseArticleFile('---\nid: a\ndepartment: general\ntitle: A\n---\nBody', 'a.md', 'cs');
    expect(article.tags).toEqual([]);
    expect(article.intents).toEqual([]);
  });

  it('rejects a file without a front matter block, naming the file and line 1', () => {
    const error = errorOf('# Just markdown\n');
    expect(error.code).toBe('KNOWLEDGE_INVALID');
    expect(error.message).toMatch(/^kb\/en\/broken\.md:1: /);
    expect(error.details).toEqual({ file: 'kb/en/broken.md', line: 1 });
  });

  it('rejects an unclosed front matter block', () => {
    expect(errorOf('---\nid: a\ndepartment: general\n').message).toContain('not closed');
  });

  it('names the line of a malformed field', () => {
    const error = errorOf(valid.replace('department: technical', 'department technical'));
    expect(error.details).toMatchObject({ line: 3 });
  });

  it('names the line of a field with an invalid value', () => {
    const error = errorOf(valid.replace('department: technical', 'department: Marketing Team'));
    expect(error.details).toMatchObject({ line: 3 });
    expect(error.message).toContain('department');
  });

  it('names the line of an unclosed list', () => {
    expect(
      errorOf(valid.replace('tags: [login, freeze, sign in]', 'tags: [login, freeze')).details,
    ).toMatchObject({
      line: 5,
    });
  });

  it('rejects unknown and duplicate keys', () => {
    expect(errorOf(valid.replace('intents:', 'intent:')).message).toContain('intent');
    expect(errorOf(valid.replace('intents: [login_problem]', 'title: Again')).message).toContain(
      'duplicate key',
    );
  });

  it('rejects a missing required field and an empty body', () => {
    expect(errorOf(valid.replace('title: "The app freezes: what to do"\n', '')).message).toContain('title');
    expect(errorOf(valid.split('\n').slice(0, 7).join('\n')).message).toContain('body is empty');
  });
});
