import type { ActionCallContext, ActionCallRecord } from './action-call.js';
import type { ActionEngine } from './action-engine.js';
import type { IntentAction } from '../domain/intent-action.js';
import { fillSlots, inLanguage, renderAnswer } from './intent-action.js';

/** What an action-bound intent does with one customer turn. */
export type ActionTurn =
  /** A slot is missing: ask for it, and remember what was found for the next turn. */
  | { kind: 'ask'; text: string; slot: string; remember: Record<string, string> }
  /** The action answered: its result through the intent's template. */
  | {
      kind: 'answered';
      text: string;
      data: unknown;
      remember: Record<string, string>;
      call: ActionCallRecord;
    }
  /** The action gave no result: say so honestly and hand the case to a person (never invent one). */
  | { kind: 'failed'; text: string; code: string; remember: Record<string, string>; call: ActionCallRecord };

/** Honest words for a failed action, per language; the desk's escalation follows them. */
export const ACTION_FAILED_TEXT: Record<string, string> = {
  en: 'I could not look that up in our system just now, so I am passing your request to a colleague who will get back to you.',
  cs: 'Teď se mi to v našem systému nepodařilo dohledat, proto váš požadavek předávám kolegovi, který se vám ozve.',
};

export interface ActionTurnInput {
  binding: IntentAction;
  message: string;
  language: string;
  /** The desk's first language: the fallback for texts not written in `language`. */
  defaultLanguage: string;
  /** Slots the conversation remembered from earlier turns. */
  remembered: Record<string, string>;
  engine: ActionEngine;
  context: ActionCallContext;
}

/** One offline turn of an action-bound intent: fill the slots (or ask), call, answer. */
export async function runActionTurn(input: ActionTurnInput): Promise<ActionTurn> {
  const { binding, language, defaultLanguage } = input;
  const { values, missing } = fillSlots(binding.slots, input.message, input.remembered);
  const [slot] = missing;
  if (slot !== undefined) {
    const ask = binding.slots[slot]?.ask ?? {};
    return { kind: 'ask', text: inLanguage(ask, language, defaultLanguage), slot, remember: values };
  }
  const result = await input.engine.call(binding.action, values, input.context);
  if (!result.ok) {
    return {
      kind: 'failed',
      text: inLanguage(ACTION_FAILED_TEXT, language, defaultLanguage),
      code: result.error.code,
      remember: values,
      call: result.call,
    };
  }
  const template = inLanguage(binding.answer, language, defaultLanguage);
  return {
    kind: 'answered',
    text: renderAnswer(template, values, result.data),
    data: result.data,
    remember: values,
    call: result.call,
  };
}
