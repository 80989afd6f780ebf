/** Every Redis key and channel swarmdesk uses is built here, so one prefix scopes (and cleans) them all. */
export const DEFAULT_KEY_PREFIX = 'swarmdesk:';

export interface RedisKeys {
  readonly prefix: string;
  conversation(conversationId: string): string;
  conversationEntries(conversationId: string): string;
  result(queryId: string): string;
  customer(customerId: string): string;
  customerIssues(customerId: string): string;
  customerIndex(): string;
  customerTokensRevokedAt(customerId: string): string;
  ticket(ticketId: string): string;
  ticketQueue(): string;
  ticketStatusQueue(status: string): string;
  ticketNotes(ticketId: string): string;
  ticketAssigneeQueue(assignee: string): string;
  idempotency(scopedKey: string): string;
  webhookDelivery(deliveryId: string): string;
  webhookDeliveries(): string;
  webhooksDue(): string;
  conversationChannel(conversationId: string): string;
  allConversationsChannel(): string;
  conversationLease(conversationId: string): string;
  conversationFence(conversationId: string): string;
  conversationJoined(conversationId: string): string;
  joinedReply(entryId: string): string;
}

export function createKeys(prefix: string = DEFAULT_KEY_PREFIX): RedisKeys {
  return {
    prefix,
    conversation: (id) => `${prefix}conv:${id}`,
    conversationEntries: (id) => `${prefix}conv:${id}:entries`,
    result: (id) => `${prefix}result:${id}`,
    customer: (id) => `${prefix}customer:${id}`,
    customerIssues: (id) => `${prefix}customer:${id}:issues`,
    customerIndex: () => `${prefix}customers`,
    customerTokensRevokedAt: (id) => `${prefix}customer:${id}:tokens-revoked-at`,
    ticket: (id) => `${prefix}ticket:${id}`,
    ticketQueue: () => `${prefix}tickets`,
    ticketStatusQueue: (status) => `${prefix}tickets:${status}`,
    ticketNotes: (id) => `${prefix}ticket:${id}:notes`,
    ticketAssigneeQueue: (assignee) => `${prefix}tickets:assignee:${assignee}`,
    idempotency: (key) => `${prefix}idem:${key}`,
    webhookDelivery: (id) => `${prefix}webhook:${id}`,
    webhookDeliveries: () => `${prefix}webhooks`,
    webhooksDue: () => `${prefix}webhooks:due`,
    conversationChannel: (id) => `${prefix}changes:conv:${id}`,
    allConversationsChannel: () => `${prefix}changes:*`,
    conversationLease: (id) => `${prefix}lease:conv:${id}`,
    conversationFence: (id) => `${prefix}lease:conv:${id}:fence`,
    conversationJoined: (id) => `${prefix}lease:conv:${id}:joined`,
    joinedReply: (id) => `${prefix}lease:reply:${id}`,
  };
}
