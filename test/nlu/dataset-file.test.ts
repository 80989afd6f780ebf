import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DatasetInvalidError,
  parseExamplesCsv,
  readExamplesFile,
  requireTrainable,
  splitValidation,
} from '../../src/nlu/index.js';
import { thrownBy } from '../support/thrown.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'swarmdesk-dataset-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function errorOf(action: () => unknown): DatasetInvalidError {
  return thrownBy(action, DatasetInvalidError);
}

describe('CSV examples', () => {
  it('reads quoted commas, escaped quotes and newlines inside quotes (RFC 4180)', () => {
    const rows = parseExamplesCsv(
      'data.csv',
      'text,label\r\n"Hello, world",greeting\n"She said ""refund"" twice",refund\n"two\nlines",multi\nplain,plain\n',
    );
    expect(rows).toEqual([
      { text: 'Hello, world', label: 'greeting', line: 2 },
      { text: 'She said "refund" twice', label: 'refund', line: 3 },
      { text: 'two\nlines', label: 'multi', line: 4 },
      { text: 'plain', label: 'plain', line: 6 },
    ]);
  });

  it('accepts the Banking77 text,category header', () => {
    expect(parseExamplesCsv('b.csv', 'text,category\nwhere is my card?,card_arrival\n')).toEqual([
      { text: 'where is my card?', label: 'card_arrival', line: 2 },
    ]);
  });

  it('names the line of a file without a header', () => {
    const error = errorOf(() => readExamplesFile(file('no-header.csv', 'where is my card,card_arrival\n')));
    expect(error.code).toBe('DATASET_INVALID');
    expect(error.message).toMatch(/no-header\.csv:1: expected a header/);
  });

  it('names the line of an empty text', () => {
    const error = errorOf(() => readExamplesFile(file('empty.csv', 'text,label\nok,a\n"",b\n')));
    expect(error.message).toMatch(/empty\.csv:3: empty text/);
  });

  it('names the line of an unclosed quote', () => {
    const error = errorOf(() => readExamplesFile(file('open.csv', 'text,label\nok,a\n"never closed,b\n')));
    expect(error.message).toMatch(/open\.csv:3: a quoted field is not closed/);
  });

  it('names the line of a label with a single example when training', () => {
    const path = file('single.csv', 'text,label\none,a\ntwo,a\nthree,b\n');
    const error = errorOf(() => requireTrainable(path, readExamplesFile(path)));
    expect(error.message).toMatch(/single\.csv:4: label "b" has only one example/);
  });
});

describe('JSONL examples', () => {
  it('reads rows and names the line of a bad one', () => {
    const ok = file('ok.jsonl', '{"text":"a","label":"x"}\n\n{"text":"b","label":"y","language":"cs"}\n');
    expect(readExamplesFile(ok)).toEqual([
      { text: 'a', label: 'x', line: 1 },
      { text: 'b', label: 'y', language: 'cs', line: 3 },
    ]);
    const bad = file('bad.jsonl', '{"text":"a","label":"x"}\n{"text":"","label":"y"}\n');
    expect(errorOf(() => readExamplesFile(bad)).message).toMatch(/bad\.jsonl:2:/);
  });

  it('refuses a file that is neither CSV nor JSONL', () => {
    const error = errorOf(() => readExamplesFile(file('notes.txt', 'just some notes\nnothing tabular\n')));
    expect(error.message).toMatch(/notes\.txt:1: neither CSV/);
  });
});

describe('splitValidation', () => {
  it('holds out a seeded share of every label, the same each time', () => {
    const examples = Array.from({ length: 40 }, (_, i) => ({
      text: `t${i}`,
      label: i % 2 === 0 ? 'a' : 'b',
    }));
    const first = splitValidation(examples, 0.15, 7);
    const second = splitValidation(examples, 0.15, 7);
    expect(first).toEqual(second);
    expect(first.validation.filter((e) => e.label === 'a')).toHaveLength(3);
    expect(first.validation.filter((e) => e.label === 'b')).toHaveLength(3);
    expect(first.train).toHaveLength(34);
  });
});
