export {
  JoinedReply,
  JoinedText,
  type ConversationLeases,
  type JoinedPoll,
  type Lease,
  type ReleaseOutcome,
} from './conversation-leases.js';
export {
  RedisConversationLeasesOptions,
  createRedisConversationLeases,
} from './redis-conversation-leases.js';
