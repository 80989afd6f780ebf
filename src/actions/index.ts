export {
  ActionCallRecord,
  type ActionCallContext,
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
