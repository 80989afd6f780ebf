export {
  ActionCallRecord,
  type ActionCallContext,
  type ActionResult,
  type ActionTool,
} from './action-call.js';
export {
  CUSTOMER_ID_HEADER,
  createActionEngine,
  type ActionEngine,
  type ActionEngineOptions,
} from './action-engine.js';
export { ActionSpec, ActionsConfig } from './action-spec.js';
export { ActionError } from './errors.js';
export { ACTION_FAILED_TEXT, runActionTurn, type ActionTurn, type ActionTurnInput } from './action-turn.js';
export { IntentAction, SlotSpec } from '../domain/intent-action.js';
export { fillSlots, renderAnswer } from './intent-action.js';
