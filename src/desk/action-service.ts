import { z } from 'zod';
import { runActionTurn, type ActionEngine, type ActionTurn } from '../actions/index.js';
import { rememberedSlots } from '../actors/index.js';
import type { Blackboard } from '../blackboard/index.js';
import type { DeskProfile } from '../domain/desk-profile.js';
import type { Service } from '../runtime/index.js';

const ActionTurnRequest = z.object({
  intent: z.string(),
  text: z.string(),
  language: z.string(),
  conversationId: z.string(),
  customerId: z.string(),
  department: z.string(),
});
type ActionTurnRequest = z.infer<typeof ActionTurnRequest>;

export interface ActionServiceDeps {
  engine: ActionEngine;
  blackboard: Pick<Blackboard, 'get'>;
  profile: DeskProfile;
}

/**
 * The `actions` service agents call from the workers: one turn of an action-bound intent, on the main
 * thread, where the secrets are and the conversation's remembered slots are read. The customer's id
 * comes with the request from the desk's own message, never from a model.
 */
export function createActionService({ engine, blackboard, profile }: ActionServiceDeps): Service {
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
  };
}
