export { createDesk, type DeskDeps } from './create-desk.js';
export { type Desk, type Readiness, type SubmitOptions } from './desk.js';
export { DeskOptions, type ResolvedDeskOptions } from './desk-options.js';
export {
  ConversationBusyError,
  ConversationForbiddenError,
  InvalidInputError,
  QueryNotFoundError,
  UnknownIntentError,
} from './errors.js';
export { type DeskObserver, type LlmCallRecord } from './observer.js';
export { POOL_TYPES, type PoolType } from './pool-specs.js';
export { ESCALATION_DEFAULTS } from './escalation-policy.js';
