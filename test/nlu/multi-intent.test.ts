import { describe, expect, it } from 'vitest';
import { detectIntents } from '../../src/nlu/index.js';
import { toyModel } from './toy-data.js';

describe('detectIntents', () => {
  const { model } = toyModel();
  const departmentOf = (intent: string) => model.departmentOf(intent);

  it('keeps one clause per department of a message with two requests', () => {
    const parts = detectIntents(
      model,
      departmentOf,
      'I cannot log in to my account and also I want my money back',
      'en',
    );
    expect(parts.map((p) => [p.intent, p.department])).toEqual([
      ['login_problem', 'technical'],
      ['refund_request', 'billing'],
    ]);
  });

  it('falls back to the whole message when it has one request, and to nothing when out of scope', () => {
    expect(detectIntents(model, departmentOf, 'nejde se prihlasit', 'cs').map((p) => p.intent)).toEqual([
      'login_problem',
    ]);
    expect(detectIntents(model, departmentOf, 'what is the weather in Rome', 'en')).toEqual([]);
  });
});
