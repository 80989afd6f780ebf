import { z } from 'zod';
import {
  runActionTurn,
  type ActionCallRecord,
  type ActionEngine,
  type ActionResult,
  type ActionTurn,
} from '../actions/index.js';
import { rememberedSlots, type ToolCallReply as ToolLoopCallReply } from '../actors/index.js';
import type { Blackboard } from '../blackboard/index.js';
import type { DeskProfile } from '../domain/desk-profile.js';

const ActionTurnRequest = z.object({
  intent: z.string(),
  text: z.string(),
  language: z.string(),
  conversationId: z.string(),
  customerId: z.string(),
  department: z.string(),
});
type ActionTurnRequest = z.infer<typeof ActionTurnRequest>;

/** A function call a model asked for: the arguments as the model wrote them, the rest from the desk. */
const ToolCallRequest = z.object({
  name: z.string(),
  arguments: z.string(),
  conversationId: z.string(),
  customerId: z.string(),
  department: z.string(),
});
type ToolCallRequest = z.infer<typeof ToolCallRequest>;

/** What a model's call gave, as the tool loop reads it, with the call's record typed. */
export type ToolCallReply = ToolLoopCallReply<ActionCallRecord>;

// A backend that answers pages of data must not flood the model's context.
const MAX_RESULT_CHARS = 8_000;

export interface ActionServiceDeps {
  engine: ActionEngine;
  blackboard: Pick<Blackboard, 'get'>;
  profile: DeskProfile;
}

// A type alias, not an interface: the actor system's services are records of methods.
export type ActionService = {
  turn(input: ActionTurnRequest): Promise<ActionTurn>;
  call(input: ToolCallRequest): Promise<ToolCallReply>;
};

/**
 * The `actions` service agents call from the workers, on the main thread where the secrets are: one
 * offline turn of an action-bound intent (`turn`), or one call a model asked for (`call`). The
 * customer's id comes with the request from the desk's own message, never from a model.
 */
export function createActionService({ engine, blackboard, profile }: ActionServiceDeps): ActionService {
  return {
    async turn(input: ActionTurnRequest): Promise<ActionTurn> {
      const request = ActionTurnRequest.parse(input);
      const binding = profile.intents[request.intent]?.action;
      if (!binding) throw new Error(`intent ${request.intent} is not bound to an action`);
      const conversation = await blackboard.get(request.conversationId);
      return runActionTurn({
        binding,
        message: request.text,
        language: request.language,
        defaultLanguage: profile.languages[0] ?? 'en',
        remembered: rememberedSlots(conversation?.entries ?? []),
        engine,
        context: {
          customerId: request.customerId,
          conversationId: request.conversationId,
          department: request.department,
        },
      });
    },

    async call(input: ToolCallRequest): Promise<ToolCallReply> {
      const request = ToolCallRequest.parse(input);
      const args = parseArguments(request.arguments);
      if (!args) {
        const error = { code: 'ACTION_INVALID_ARGUMENTS', message: 'the arguments are not a JSON object' };
        return { ok: false, code: error.code, result: JSON.stringify({ error }) };
      }
      // The engine puts the conversation's own customer id in, over anything the model wrote there.
      const result = await engine.call(request.name, args, {
        customerId: request.customerId,
        conversationId: request.conversationId,
        department: request.department,
      });
      return toolReply(result);
    },
  };
}

function parseArguments(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text === '' ? '{}' : text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function toolReply(result: ActionResult): ToolCallReply {
  if (!result.ok)
    return {
      ok: false,
      code: result.error.code,
      result: JSON.stringify({ error: result.error }),
      call: result.call,
    };
  const text = JSON.stringify(result.data ?? null);
  return {
    ok: true,
    result: text.length > MAX_RESULT_CHARS ? `${text.slice(0, MAX_RESULT_CHARS)}…(cut)` : text,
    call: result.call,
  };
}
