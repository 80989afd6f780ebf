import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_DESK_DIR, deskTrainingData, openDesk } from '../../src/desk/index.js';
import { OOS_LABEL, readExamplesFile } from '../../src/nlu/index.js';

const HELD_OUT = fileURLToPath(new URL('../nlu/fixtures/demo-heldout.jsonl', import.meta.url));
const training = deskTrainingData(openDesk(DEMO_DESK_DIR).desk);
const CZECH_DIACRITICS = /[áčďéěíňóřšťúůýž]/i;

/** Case-, diacritics- and punctuation-insensitive, as the model sees words. */
const normalise = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const heldOut = readExamplesFile(HELD_OUT);

describe('the demo desk held-out set', () => {
  it('has at least 300 Czech and 300 English support messages, a third of the Czech without diacritics', () => {
    const czech = heldOut.filter((row) => row.language === 'cs' && row.label !== OOS_LABEL);
    const english = heldOut.filter((row) => row.language === 'en' && row.label !== OOS_LABEL);
    expect(czech.length).toBeGreaterThanOrEqual(300);
    expect(english.length).toBeGreaterThanOrEqual(300);
    expect(czech.filter((row) => !CZECH_DIACRITICS.test(row.text)).length).toBeGreaterThanOrEqual(
      czech.length / 3,
    );
  });

  it('covers every intent of the demo catalog and out of scope in both languages, and nothing else', () => {
    const intents = training.catalog.intents.map((entry) => entry.intent);
    for (const language of ['cs', 'en']) {
      const labels = new Set(heldOut.filter((row) => row.language === language).map((row) => row.label));
      expect([...labels].sort(), language).toEqual([...intents, OOS_LABEL].sort());
    }
  });

  it('shares no message with the training data, nor repeats one', () => {
    const trained = new Set(training.examples.map((row) => normalise(row.text)));
    const seen = new Set<string>();
    for (const row of heldOut) {
      const key = normalise(row.text);
      expect(trained.has(key), row.text).toBe(false);
      expect(seen.has(key), row.text).toBe(false);
      seen.add(key);
    }
  });
});
