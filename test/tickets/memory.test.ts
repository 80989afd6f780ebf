import { createMemoryTicketQueue } from '../../src/tickets/index.js';
import { ticketQueueConformance } from './conformance.js';

ticketQueueConformance('memory', () => createMemoryTicketQueue());
