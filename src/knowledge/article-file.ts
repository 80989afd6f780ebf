import { z } from 'zod';
import { Department, type Language } from '../domain/vocabulary.js';
import { KnowledgeInvalidError } from './errors.js';
import type { Article } from './knowledge-base.js';

const ArticleId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens');

const ArticleFrontMatter = z.strictObject({
  /** The file's name without `.md` when absent; translations share an id. */
  id: ArticleId.optional(),
  department: Department,
  title: z.string().min(1),
  /** Words customers use that the body may not (`keywords` is the same field under its guide's name). */
  tags: z.array(z.string().min(1)).default([]),
  keywords: z.array(z.string().min(1)).default([]),
  intents: z.array(z.string().min(1)).default([]),
});
type ArticleFrontMatter = z.infer<typeof ArticleFrontMatter>;

const DELIMITER = '---';
const FIELD = /^([A-Za-z][\w-]*):\s*(.*)$/;

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? (quoted[2] ?? '') : value;
}

// Only the two shapes the articles use: `key: text` and `key: [a, b, c]`; no YAML library needed.
function parseValue(raw: string): string | string[] {
  const value = raw.trim();
  if (!value.startsWith('[')) return unquote(value);
  if (!value.endsWith(']')) throw new Error('a list must close with "]" on the same line');
  const inner = value.slice(1, -1).trim();
  return inner === '' ? [] : inner.split(',').map((item) => unquote(item.trim()));
}

/**
 * Reads one article file: a front matter block between `---` lines, then a Markdown body.
 * `file` only names the source in errors; the language comes from the caller (the folder name).
 */
export function parseArticleFile(text: string, file: string, language: Language): Article {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== DELIMITER) {
    throw new KnowledgeInvalidError(file, 1, 'expected a front matter block opening with "---"');
  }
  const closing = lines.findIndex((line, index) => index > 0 && line.trim() === DELIMITER);
  if (closing === -1) throw new KnowledgeInvalidError(file, 1, 'front matter block is not closed with "---"');

  const fields: Record<string, string | string[]> = {};
  const lineOf: Record<string, number> = {};
  for (let index = 1; index < closing; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const lineNumber = index + 1;
    const match = FIELD.exec(line.trim());
    if (!match)
      throw new KnowledgeInvalidError(file, lineNumber, `expected "key: value", got "${line.trim()}"`);
    const [, key = '', raw = ''] = match;
    if (key in fields) throw new KnowledgeInvalidError(file, lineNumber, `duplicate key "${key}"`);
    try {
      fields[key] = parseValue(raw);
    } catch (error) {
      throw new KnowledgeInvalidError(file, lineNumber, `${key}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    lineOf[key] = lineNumber;
  }

  const parsed = ArticleFrontMatter.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? (issue?.code === 'unrecognized_keys' ? issue.keys[0] : ''));
    throw new KnowledgeInvalidError(
      file,
      lineOf[key] ?? 1,
      `${key ? `${key}: ` : ''}${issue?.message ?? 'invalid'}`,
      {
        cause: parsed.error,
      },
    );
  }

  const id = parsed.data.id ?? idFromFile(file);
  if (!ArticleId.safeParse(id).success) {
    throw new KnowledgeInvalidError(
      file,
      1,
      `id: the file name "${id}" is not an id; name the file or set id`,
    );
  }
  const body = lines
    .slice(closing + 1)
    .join('\n')
    .trim();
  if (body === '') throw new KnowledgeInvalidError(file, closing + 2, 'article body is empty');
  const { keywords, tags, ...rest } = parsed.data;
  return { ...rest, id, tags: [...tags, ...keywords], language, body };
}

function idFromFile(file: string): string {
  return (file.split(/[\\/]/).at(-1) ?? file).replace(/\.md$/i, '');
}
