export { type Blackboard } from './blackboard.js';
export {
  ConversationNotFoundError,
  InvalidBlackboardWriteError,
  StaleFenceError,
  StateConflictError,
} from './errors.js';
export { createMemoryBlackboard } from './memory-blackboard.js';
export { BlackboardOptions } from './options.js';
export { createRedisBlackboard } from './redis-blackboard.js';
