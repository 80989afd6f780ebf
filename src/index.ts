// The public API of swarmdesk, by name. Everything else is internal and may change.

export {
  ConversationBusyError,
  ConversationForbiddenError,
  DeskOptions,
  InvalidInputError,
  QueryNotFoundError,
  UnknownIntentError,
  createDesk,
  type Desk,
  type DeskDeps,
  type DeskObserver,
  type LlmCallRecord,
  type Readiness,
  type ResolvedDeskOptions,
  type SubmitOptions,
  DEMO_DESK_DIR,
  DeskInvalidError,
  checkDesk,
  inspectDesk,
  loadDesk,
  openDesk,
  poolTypes,
  prepareDeskModel,
  type DeskDefinition,
  type DeskProblem,
} from './desk/index.js';

// For a department's own behaviour module (docs/desk.md): the built-in specialist to wrap or imitate,
// its messages and replies, and what it reads of the desk.
export {
  AnswerReply,
  AnswerRequested,
  BUILT_IN_BEHAVIOURS,
  ConsultReply,
  ConsultRequested,
  SpecialistConfig,
  SpecialistMessage,
  deskProfile,
  knowledgeBaseFor,
  specialistBehaviour,
  type SpecialistState,
} from './actors/index.js';
export { DeskProfile } from './domain/desk-profile.js';

export {
  CONFIG_VARIABLES,
  ConfigError,
  loadConfig,
  type AppConfig,
  type ConfigIssue,
  type ConfigVariable,
  type LogLevel,
} from './config/index.js';

export {
  ForbiddenError,
  HttpOptions,
  InvalidJsonError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  STATUS_BY_CODE,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
  createApp,
  createLogger,
  createMetrics,
  createShutdownHandler,
  installShutdownSignals,
  startServer,
  toActorLogger,
  type AppDeps,
  type EdgeMetrics,
  type ResolvedHttpOptions,
  type RunningServer,
  type ShutdownOutcome,
  type SwarmApp,
} from './http/index.js';

export {
  BlackboardChange,
  BlackboardEntry,
  Conversation,
  ConversationState,
  type BlackboardEntryInput,
} from './domain/conversation.js';
export { Customer, IssueRecord } from './domain/customer.js';
export { SerializedErrorSchema } from './domain/error.js';
export {
  Feedback,
  FeedbackOutcome,
  Handoff,
  QueryInput,
  QueryPart,
  QueryResult,
  StreamEvent,
  Timings,
  Usage,
} from './domain/query.js';
export { Ticket, TicketStatus } from './domain/ticket.js';
export type { TicketListOptions } from './tickets/index.js';
export {
  Department,
  DoubleTextPolicy,
  Language,
  Priority,
  SpecialistDepartment,
  SubscriptionType,
} from './domain/vocabulary.js';

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
  createActorSystem,
  createManualClock,
  defineBehaviour,
  systemClock,
  type ActorContext,
  type ActorLogger,
  type ActorState,
  type ActorStatus,
  type ActorSystem,
  type ActorSystemOptions,
  type Behaviour,
  type BehaviourRef,
  type Clock,
  type DeadLetter,
  type ManualClock,
  type PoolSpec,
  type Priority as MessagePriority,
  type SerializedError,
  type ShutdownReport,
  type SupervisionOptions,
  type SystemEvent,
} from './runtime/index.js';

export {
  ConversationNotFoundError,
  InvalidBlackboardWriteError,
  StateConflictError,
} from './blackboard/index.js';
export { RedisUnavailableError, StoreCorruptError } from './redis/index.js';
export {
  LlmAbortedError,
  LlmConfigError,
  LlmInvalidOutputError,
  LlmOverloadedError,
  LlmRequestError,
  LlmTimeoutError,
  LlmUnavailableError,
} from './llm/index.js';
