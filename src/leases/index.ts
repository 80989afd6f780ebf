export {
  JoinedReply,
  JoinedText,
  type ConversationLeases,
  type JoinedPoll,
  type Lease,
} from './conversation-leases.js';
export {
  RedisConversationLeasesOptions,
  createRedisConversationLeases,
} from './redis-conversation-leases.js';
