import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CsvSyntaxError, parseCsv } from './csv.js';
import { IntentCatalog, LabelledExample } from './dataset.js';
import { DatasetInvalidError } from './errors.js';

/** A labelled example with the 1-based line it was read from, so later checks can name it. */
export type SourcedExample = LabelledExample & { line: number };

const TEXT_COLUMNS = ['text'];
const LABEL_COLUMNS = ['label', 'category', 'intent'];

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new DatasetInvalidError(file, undefined, `cannot read: ${(error as Error).message}`);
  }
}

export function readCatalogFile(file: string): IntentCatalog {
  let json: unknown;
  try {
    json = JSON.parse(readText(file));
  } catch (error) {
    if (error instanceof DatasetInvalidError) throw error;
    throw new DatasetInvalidError(file, undefined, 'not valid JSON');
  }
  const parsed = IntentCatalog.safeParse(json);
  if (!parsed.success) throw new DatasetInvalidError(file, undefined, z.prettifyError(parsed.error));
  return parsed.data;
}

/** JSONL rows `{"text","label","language"?}`; blank lines are skipped. */
function parseExamplesJsonl(file: string, content: string): SourcedExample[] {
  const rows: SourcedExample[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new DatasetInvalidError(file, i + 1, 'not a JSON object');
    }
    const parsed = LabelledExample.safeParse(json);
    if (!parsed.success) {
      throw new DatasetInvalidError(
        file,
        i + 1,
        `expected {"text","label"} with non-empty text and label: ${z.prettifyError(parsed.error)}`,
      );
    }
    rows.push({ ...parsed.data, line: i + 1 });
  });
  return rows;
}

/** CSV with a header naming a `text` column and a `label` (or `category`) column. */
export function parseExamplesCsv(file: string, content: string): SourcedExample[] {
  let records;
  try {
    records = parseCsv(content);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new DatasetInvalidError(file, error.line, error.message);
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw new DatasetInvalidError(file, undefined, 'the file is empty');
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const textAt = names.findIndex((name) => TEXT_COLUMNS.includes(name));
  const labelAt = names.findIndex((name) => LABEL_COLUMNS.includes(name));
  if (textAt < 0 || labelAt < 0) {
    throw new DatasetInvalidError(
      file,
      header.line,
      'expected a header with columns text and label (or category)',
    );
  }
  return rows.map((record) => {
    const text = (record.fields[textAt] ?? '').trim();
    const label = (record.fields[labelAt] ?? '').trim();
    if (record.fields.length !== header.fields.length) {
      throw new DatasetInvalidError(
        file,
        record.line,
        `expected ${header.fields.length} fields, found ${record.fields.length}`,
      );
    }
    if (text === '') throw new DatasetInvalidError(file, record.line, 'empty text');
    if (label === '') throw new DatasetInvalidError(file, record.line, 'empty label');
    return { text, label, line: record.line };
  });
}

/** Reads a CSV or JSONL file of labelled examples, chosen by extension or, failing that, by content. */
export function readExamplesFile(file: string): SourcedExample[] {
  const content = readText(file).replace(/^\uFEFF/, '');
  const lower = file.toLowerCase();
  const rows =
    lower.endsWith('.jsonl') || lower.endsWith('.ndjson')
      ? parseExamplesJsonl(file, content)
      : lower.endsWith('.csv')
        ? parseExamplesCsv(file, content)
        : content.trimStart().startsWith('{')
          ? parseExamplesJsonl(file, content)
          : looksLikeCsv(content)
            ? parseExamplesCsv(file, content)
            : undefined;
  if (!rows) throw new DatasetInvalidError(file, 1, 'neither CSV with a text,label header nor JSONL');
  if (rows.length === 0) throw new DatasetInvalidError(file, undefined, 'no examples');
  return rows;
}

function looksLikeCsv(content: string): boolean {
  const first = content.split(/\r?\n/, 1)[0] ?? '';
  return first.includes(',') && /\btext\b/i.test(first);
}

/** Training needs two examples of every label (one to learn from, one to hold out). */
export function requireTrainable(file: string, rows: readonly SourcedExample[]): void {
  const byLabel = new Map<string, SourcedExample[]>();
  for (const row of rows) {
    const group = byLabel.get(row.label) ?? [];
    group.push(row);
    byLabel.set(row.label, group);
  }
  for (const [label, group] of byLabel) {
    if (group.length < 2) {
      throw new DatasetInvalidError(
        file,
        group[0]?.line,
        `label ${JSON.stringify(label)} has only one example; need at least two`,
      );
    }
  }
  if (byLabel.size < 2) throw new DatasetInvalidError(file, undefined, 'need at least two labels to train');
}
