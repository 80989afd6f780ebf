import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { DEMO_DESK_DIR, deskTrainingData } from '../../src/desk/index.js';
import { demoDesk } from '../support/demo-desk.js';

const Department = z.enum(['technical', 'billing', 'general', 'escalation']);
const Language = z.enum(['cs', 'en']);

const MultiIntentExample = z.strictObject({
  text: z.string().trim().min(1),
  labels: z.array(z.string()).min(2).max(3),
  language: Language,
});

const MIN_EXAMPLES_PER_INTENT_AND_LANGUAGE = 40;
const MIN_OOS_PER_LANGUAGE = 120;
const MIN_MULTI_INTENT_PER_LANGUAGE = 30;

// Held out on purpose: the router's acceptance tests must pass by generalisation, not memory.
const ACCEPTANCE_SENTENCES = [
  'Aplikace se mi stále zasekává při přihlášení',
  'Kdy mi přijde faktura za tento měsíc?',
  'Jak mohu změnit své nastavení profilu?',
];

function readJsonLines<T>(file: string, schema: z.ZodType<T>): T[] {
  const lines = readFileSync(`${DEMO_DESK_DIR}/${file}`, 'utf8').split('\n');
  const rows: T[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = schema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.message}`);
    rows.push(parsed.data);
  });
  return rows;
}

/** Case-, diacritics- and punctuation-insensitive form, so "Přihlášení!" and "prihlaseni" collide. */
function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
}

const { catalog, examples: all } = deskTrainingData(demoDesk());
const intents = catalog.intents.map((entry) => entry.intent);
const departmentOf = new Map(catalog.intents.map((entry) => [entry.intent, entry.department]));
const examples = all.filter((row) => row.label !== 'oos');
const outOfScope = all.filter((row) => row.label === 'oos');
const multiIntent = readJsonLines('evaluation/multi-intent.jsonl', MultiIntentExample);
const allTexts = [...examples, ...outOfScope, ...multiIntent].map((row) => row.text);

describe("the demo desk's intents", () => {
  it('lists each intent once', () => {
    expect(new Set(intents).size).toBe(intents.length);
  });

  it('gives every department at least one intent', () => {
    const departments = new Set(catalog.intents.map((entry) => entry.department));
    expect([...departments].sort()).toEqual([...Department.options].sort());
  });

  it('does not use the out-of-scope label as an intent', () => {
    expect(intents).not.toContain('oos');
  });
});

describe('labelled intent examples', () => {
  it('label every example with an intent from the catalog', () => {
    const unknown = examples.filter((row) => !departmentOf.has(row.label)).map((row) => row.label);
    expect(unknown).toEqual([]);
  });

  it('hold enough examples for every intent in both languages', () => {
    const counts = countBy(examples, (row) => `${row.label}/${row.language}`);
    const short = intents
      .flatMap((intent) => Language.options.map((language) => `${intent}/${language}`))
      .filter((key) => (counts.get(key) ?? 0) < MIN_EXAMPLES_PER_INTENT_AND_LANGUAGE);
    expect(short).toEqual([]);
  });

  it('include Czech typed without diacritics alongside Czech with them', () => {
    const czech = examples.filter((row) => row.language === 'cs');
    const plain = czech.filter(
      (row) => row.text.normalize('NFD') === row.text.normalize('NFD').replace(/\p{M}/gu, ''),
    );
    const share = plain.length / czech.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.5);
  });
});

describe('out-of-scope examples', () => {
  it('hold enough messages in both languages', () => {
    const counts = countBy(outOfScope, (row) => row.language ?? 'none');
    for (const language of Language.options) {
      expect(counts.get(language) ?? 0).toBeGreaterThanOrEqual(MIN_OOS_PER_LANGUAGE);
    }
  });
});

describe('multi-intent examples', () => {
  it('use only catalog intents, each at most once per message', () => {
    const bad = multiIntent.filter(
      (row) =>
        new Set(row.labels).size !== row.labels.length ||
        row.labels.some((label) => !departmentOf.has(label)),
    );
    expect(bad).toEqual([]);
  });

  it('span at least two departments per message', () => {
    const single = multiIntent.filter(
      (row) => new Set(row.labels.map((label) => departmentOf.get(label))).size < 2,
    );
    expect(single).toEqual([]);
  });

  it('hold enough messages in both languages', () => {
    const counts = countBy(multiIntent, (row) => row.language);
    for (const language of Language.options) {
      expect(counts.get(language) ?? 0).toBeGreaterThanOrEqual(MIN_MULTI_INTENT_PER_LANGUAGE);
    }
  });
});

describe("the demo desk's intent data as a whole", () => {
  it('has no duplicate texts, ignoring case, diacritics and punctuation', () => {
    const seen = new Set<string>();
    const duplicates = allTexts.filter((text) => {
      const key = normalise(text);
      if (seen.has(key)) return true;
      seen.add(key);
      return false;
    });
    expect(duplicates).toEqual([]);
  });

  it('keeps the acceptance sentences out of every file', () => {
    const held = ACCEPTANCE_SENTENCES.map(normalise);
    const leaked = allTexts.filter((text) => held.some((sentence) => normalise(text).includes(sentence)));
    expect(leaked).toEqual([]);
  });
});
