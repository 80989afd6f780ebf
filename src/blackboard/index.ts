export { type Blackboard } from './blackboard.js';
export {
  ConversationNotFoundError,
  InvalidBlackboardWriteError,
  StaleFenceError,
  StateConflictError,
} from './errors.js';
export { createMemoryBlackboard } from './memory-blackboard.js';
export {
  BLACKBOARD_DEFAULTS,
  BlackboardOptions,
  resolveBlackboardOptions,
  type ResolvedBlackboardOptions,
} from './options.js';
export { createRedisBlackboard, type RedisBlackboardOptions } from './redis-blackboard.js';
