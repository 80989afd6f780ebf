export { MemoryTicketQueueOptions, createMemoryTicketQueue } from './memory-ticket-queue.js';
export { createRedisTicketQueue } from './redis-ticket-queue.js';
export { ticketScore } from './ticket-order.js';
export { type TicketListOptions, type TicketQueue } from './ticket-queue.js';
