export { ADVISED_EXAMPLES, MIN_EXAMPLES, checkDesk } from './check-desk.js';
export { createDesk, type DeskDeps } from './create-desk.js';
export { type Desk, type Readiness, type SubmitOptions } from './desk.js';
export { DepartmentEntry, DeskFile, IntentEntry, IntentsFile } from './desk-file.js';
export {
  deskModelKey,
  deskTrainingData,
  prepareDeskModel,
  type DeskModel,
  type DeskTrainingData,
} from './desk-model.js';
export { DeskOptions, POOL_DEFAULTS, type ResolvedDeskOptions } from './desk-options.js';
export { DeskInvalidError, formatProblem, type DeskProblem } from './desk-problem.js';
export { profileOf } from './desk-profile.js';
export {
  ConversationBusyError,
  ConversationForbiddenError,
  InvalidInputError,
  QueryNotFoundError,
  UnknownIntentError,
} from './errors.js';
export {
  DEMO_DESK_DIR,
  loadDesk,
  resolveDeskDir,
  type DeskDefinition,
  type LoadedDesk,
  type Located,
} from './load-desk.js';
export { type DeskObserver, type LlmCallRecord } from './observer.js';
export { inspectDesk, openDesk, type InspectedDesk, type OpenedDesk } from './open-desk.js';
export { ROUTER_POOL, poolTypes } from './pool-specs.js';
export { initDesk } from './init-desk.js';
