import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Desk } from '../desk/index.js';
import type { QueryResult } from '../domain/query.js';
import { Department, Language } from '../domain/vocabulary.js';
import { InvalidOptionsError } from '../runtime/index.js';

/** What a turn is expected to do; every field is optional, only the given ones are checked. */
const TurnExpectation = z.object({
  department: Department.optional(),
  intent: z.string().optional(),
  ticket: z.boolean().optional(),
  /** The desk asks which topic is meant (suggestions offered). */
  suggestions: z.boolean().optional(),
  language: Language.optional(),
});
type TurnExpectation = z.infer<typeof TurnExpectation>;

const SuiteTurn = z.object({ message: z.string().min(1), expect: TurnExpectation.default({}) });
type SuiteTurn = z.infer<typeof SuiteTurn>;

/** One conversation of a suite file (one JSON object per line); a single message is one turn. */
export const SuiteConversation = z.object({
  id: z.string().min(1),
  customer: z.string().min(1).default('walk-in'),
  turns: z.array(SuiteTurn).min(1),
});
export type SuiteConversation = z.infer<typeof SuiteConversation>;

export function readConversationSuite(file: string): SuiteConversation[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const suite: SuiteConversation[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '' || line.trimStart().startsWith('//')) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new InvalidOptionsError(`${file}:${index + 1}: not a JSON object`);
    }
    const parsed = SuiteConversation.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidOptionsError(
        `${file}:${index + 1}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    suite.push(parsed.data);
  });
  return suite;
}

/** Sentences of a response that appear more than once in it. */
function repeatedSentences(response: string): string[] {
  const sentences = response
    .split(/(?<=[.!?:])\s+|\n+/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 12);
  return [...new Set(sentences.filter((sentence, i) => sentences.indexOf(sentence) !== i))];
}

interface TurnFailure {
  conversation: string;
  turn: number;
  message: string;
  field: keyof TurnExpectation | 'repeated';
  expected: unknown;
  actual: unknown;
}

export interface SuiteReport {
  conversations: number;
  turns: number;
  failures: TurnFailure[];
  /** Of the turns that opened a ticket, those expected to (null when none opened one). */
  ticketPrecision: number | null;
  /** Of the turns expected to open a ticket, those that did (null when none is expected to). */
  ticketRecall: number | null;
  /** Share of responses with a sentence said twice. */
  duplicateRate: number;
  /** Share of turns with an expected language answered in it (null when none names one). */
  languageAccuracy: number | null;
  /** Share of conversations the desk finished without a ticket. */
  resolutionRate: number;
  /** Share of checked fields (department, intent, suggestions) that matched. */
  routingAccuracy: number | null;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function check(
  failures: TurnFailure[],
  where: Pick<TurnFailure, 'conversation' | 'turn' | 'message'>,
  expect: TurnExpectation,
  result: QueryResult,
): { checked: number; matched: number } {
  const actual: Record<keyof TurnExpectation, unknown> = {
    department: result.department,
    intent: result.intent,
    ticket: result.ticketId !== null || result.escalated,
    suggestions: result.suggestions.length > 0,
    language: result.language,
  };
  let checked = 0;
  let matched = 0;
  for (const field of Object.keys(expect) as Array<keyof TurnExpectation>) {
    const expected = expect[field];
    if (expected === undefined) continue;
    const routing = field === 'department' || field === 'intent' || field === 'suggestions';
    if (routing) checked += 1;
    if (actual[field] === expected) {
      if (routing) matched += 1;
      continue;
    }
    failures.push({ ...where, field, expected, actual: actual[field] });
  }
  return { checked, matched };
}

/** Runs every conversation of a suite through the desk, turn by turn, and scores the answers. */
export async function runConversationSuite(
  desk: Desk,
  suite: readonly SuiteConversation[],
): Promise<SuiteReport> {
  const failures: TurnFailure[] = [];
  let turns = 0;
  let duplicates = 0;
  let opened = 0;
  let openedRightly = 0;
  let expectedTickets = 0;
  let expectedOpened = 0;
  let languages = 0;
  let languagesRight = 0;
  let resolved = 0;
  let checked = 0;
  let matched = 0;
  for (const conversation of suite) {
    const conversationId = `suite-${randomUUID()}`;
    let ticket = false;
    for (const [index, { message, expect }] of conversation.turns.entries()) {
      const result = await desk.submit({ customerId: conversation.customer, conversationId, message });
      const where = { conversation: conversation.id, turn: index + 1, message };
      turns += 1;
      const repeated = repeatedSentences(result.response);
      if (repeated.length > 0) {
        duplicates += 1;
        failures.push({ ...where, field: 'repeated', expected: [], actual: repeated });
      }
      const didOpen = result.ticketId !== null || result.escalated;
      ticket ||= didOpen;
      if (didOpen) opened += 1;
      if (didOpen && expect.ticket === true) openedRightly += 1;
      if (expect.ticket === true) {
        expectedTickets += 1;
        if (didOpen) expectedOpened += 1;
      }
      if (expect.language) {
        languages += 1;
        if (result.language === expect.language) languagesRight += 1;
      }
      const scored = check(failures, where, expect, result);
      checked += scored.checked;
      matched += scored.matched;
    }
    if (!ticket) resolved += 1;
  }
  return {
    conversations: suite.length,
    turns,
    failures,
    ticketPrecision: ratio(openedRightly, opened),
    ticketRecall: ratio(expectedOpened, expectedTickets),
    duplicateRate: ratio(duplicates, turns) ?? 0,
    languageAccuracy: ratio(languagesRight, languages),
    resolutionRate: ratio(resolved, suite.length) ?? 0,
    routingAccuracy: ratio(matched, checked),
  };
}
