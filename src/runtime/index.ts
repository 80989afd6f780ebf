export {
  defineBehaviour,
  type ActorContext,
  type ActorLogger,
  type AskOptions,
  type Behaviour,
  type BehaviourRef,
  type Priority,
} from './behaviour.js';
export {
  ActorNotFoundError,
  ActorStoppedError,
  AskTimeoutError,
  BehaviourError,
  InvalidMessageError,
  InvalidOptionsError,
  MailboxFullError,
  NotCloneableError,
  ServiceNotFoundError,
  ShuttingDownError,
  SwarmError,
  ThreadExitedError,
  type SerializedError,
} from './errors.js';
export {
  ACTOR_STATES,
  type ActorState,
  type ActorStatus,
  type ActorSystem,
  type ActorSystemOptions,
  type Clock,
  type DeadLetter,
  type PoolSpec,
  type Service,
  type ShutdownReport,
  type SupervisionOptions,
  type SystemEvent,
} from './system-types.js';
export { createActorSystem } from './system.js';
export { MemoCache } from './memo-cache.js';
export { createManualClock, systemClock, type ManualClock } from './clock.js';
export { rebuildError, serializeError } from './error-codec.js';
export { startWorker, workerEntryUrl } from './worker-entry.js';
