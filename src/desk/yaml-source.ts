import { readFileSync } from 'node:fs';
import { LineCounter, isMap, isScalar, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { DeskProblem } from './desk-problem.js';

/** A parsed YAML file that can say on which line any field of it is. */
export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export function readYamlSource(file: string, problems: DeskProblem[]): YamlSource | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({ severity: 'error', file, message: `cannot read: ${(error as Error).message}` });
    return undefined;
  }
  const counter = new LineCounter();
  const document = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: counter, prettyErrors: false });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const line = counter.linePos(error.pos[0]).line;
      problems.push({ severity: 'error', file, line, message: firstLine(error.message) });
    }
    return undefined;
  }
  return { file, data: document.toJS() as unknown, lineOf: (path) => lineOf(document, counter, path) };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function lineOf(document: Document, counter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  // The deepest node the path reaches: a field that is missing points at its parent.
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const keys = path.slice(0, depth).map((key) => (typeof key === 'symbol' ? String(key) : key));
    const node = keys.length === 0 ? document.contents : document.getIn(keys, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      // For a mapping's entry, the key's line reads better than the value's (a block starts below it).
      const parent = keys.length === 0 ? undefined : document.getIn(keys.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === keys.at(-1));
        const keyRange = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
        if (keyRange) return counter.linePos(keyRange[0]).line;
      }
      return counter.linePos(range[0]).line;
    }
  }
  return undefined;
}

/** Every zod issue of `data` as a problem of `source`, or the parsed value when there is none. */
export function validate<S extends z.ZodType>(
  schema: S,
  source: YamlSource,
  data: unknown,
  basePath: readonly PropertyKey[],
  problems: DeskProblem[],
): z.infer<S> | undefined {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const path = [...basePath, ...issue.path];
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    if (unknownKeys.length > 0) {
      for (const key of unknownKeys) {
        problems.push({
          severity: 'error',
          file: source.file,
          ...lineField(source, [...path, key]),
          message: 'unknown field',
        });
      }
      continue;
    }
    problems.push({
      severity: 'error',
      file: source.file,
      ...lineField(source, path),
      message: issue.message,
    });
  }
  return undefined;
}

export function lineField(
  source: YamlSource,
  path: readonly PropertyKey[],
): { line?: number; field?: string } {
  const line = source.lineOf(path);
  const field = path.map(String).join('.');
  return { ...(line === undefined ? {} : { line }), ...(field ? { field } : {}) };
}
