export {
  ActionCallRecord,
  type ActionCallContext,
  type ActionOutcome,
  type ActionResult,
  type ActionTool,
} from './action-call.js';
export {
  ACTION_DEFAULTS,
  CUSTOMER_ID_HEADER,
  CUSTOMER_ID_PARAMETER,
  createActionEngine,
  type ActionEngine,
  type ActionEngineOptions,
} from './action-engine.js';
export {
  ActionMethod,
  ActionSpec,
  ActionsConfig,
  ParametersSchema,
  type ActionSpecInput,
} from './action-spec.js';
export { ActionError, type ActionErrorCode } from './errors.js';
export { ACTION_FAILED_TEXT, runActionTurn, type ActionTurn, type ActionTurnInput } from './action-turn.js';
export { IntentAction, SlotSpec } from '../domain/intent-action.js';
export { fillSlots, inLanguage, renderAnswer, type SlotFill } from './intent-action.js';
