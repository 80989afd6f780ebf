import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../src/desk/index.js';
import {
  readConversationSuite,
  runConversationSuite,
  type SuiteReport,
} from '../../src/cli/conversation-suite.js';
import { startDesk } from '../desk/support/desk-harness.js';

const SUITE = fileURLToPath(new URL('../fixtures/conversations/demo.jsonl', import.meta.url));

/**
 * Checks the shipped intent model gets wrong today (the model's own issue, not this behaviour's): each
 * is listed so a fix shows up as a failure here, to be removed from the list.
 */
const KNOWN_MISSES = ['c08#2 department'];

let desk: Desk;
let report: SuiteReport;

beforeAll(async () => {
  desk = await startDesk();
  report = await runConversationSuite(desk, readConversationSuite(SUITE));
}, 120_000);

afterAll(async () => {
  await desk?.close();
});

describe('conversation suite on the demo desk', () => {
  it('holds at least 120 single messages and 30 multi-turn conversations', () => {
    const suite = readConversationSuite(SUITE);
    expect(suite.filter((c) => c.turns.length === 1).length).toBeGreaterThanOrEqual(120);
    expect(suite.filter((c) => c.turns.length > 1).length).toBeGreaterThanOrEqual(30);
  });

  it('routes, opens tickets, suggests and answers in the language every turn expects', () => {
    const failed = report.failures.map((f) => `${f.conversation}#${f.turn} ${f.field}`);
    expect(failed).toEqual(KNOWN_MISSES);
  });

  it('never says a sentence twice, and opens tickets only where they belong', () => {
    expect(report.duplicateRate).toBe(0);
    expect(report.ticketPrecision).toBe(1);
    expect(report.ticketRecall).toBe(1);
    expect(report.languageAccuracy).toBe(1);
  });
});
