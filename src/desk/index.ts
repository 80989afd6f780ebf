export { checkDesk } from './check-desk.js';
export { createDesk, type DeskDeps } from './create-desk.js';
export { type Desk, type Readiness, type SubmitOptions } from './desk.js';
export { deskModelKey, deskTrainingData, prepareDeskModel, type DeskModel } from './desk-model.js';
export { DeskOptions, type ResolvedDeskOptions } from './desk-options.js';
export { DeskInvalidError, formatProblem, type DeskProblem } from './desk-problem.js';
export { profileOf } from './desk-profile.js';
export {
  ConversationBusyError,
  ConversationForbiddenError,
  InvalidInputError,
  QueryNotFoundError,
  UnknownIntentError,
} from './errors.js';
export { DEMO_DESK_DIR, loadDesk, type DeskDefinition } from './load-desk.js';
export { type DeskObserver, type LlmCallRecord } from './observer.js';
export { inspectDesk, openDesk } from './open-desk.js';
export { poolTypes } from './pool-specs.js';
export { initDesk } from './init-desk.js';
