// Scenario 2's breakdown: swarmdesk's own HTTP edge (the same app, middleware, validation, metrics and
// configuration as `swarmdesk serve`) in front of a stand-in desk that answers every query at once with
// a result the size of a real one. What the pipeline costs beyond this is the swarm's.
import { randomUUID } from 'node:crypto';
import { DEMO_DESK_DIR, openDesk, profileOf, type Desk } from '../../src/desk/index.js';
import { loadConfig } from '../../src/config/index.js';
import type { QueryInput, QueryResult } from '../../src/domain/query.js';
import {
  createApp,
  createLogger,
  createMetrics,
  createShutdownHandler,
  installShutdownSignals,
  startServer,
} from '../../src/http/index.js';
import { loadKnowledgeBase } from '../../src/knowledge/index.js';

const demo = openDesk(DEMO_DESK_DIR).desk;
const article = loadKnowledgeBase(demo.knowledgeDirs).search('charged twice for one payment', {
  language: 'en',
  limit: 1,
})[0]?.article;
if (!article) throw new Error('the shipped knowledge base has no article on double charges');
const answer = `Hello,\n\nHere is what helps with this (${article.title}):\n\n${article.body}\n\nIf this does not help, just reply.`;

function resultFor(query: QueryInput): QueryResult {
  const part = { text: query.message, intent: 'double_charge', department: 'billing' as const };
  return {
    queryId: randomUUID(),
    conversationId: query.conversationId ?? randomUUID(),
    customerId: query.customerId,
    language: 'en',
    intent: part.intent,
    department: part.department,
    departments: [part.department],
    confidence: 0.99,
    priority: 'medium',
    escalated: false,
    ticketId: null,
    assignedAgent: 'billing-1',
    handoffs: [],
    parts: [{ ...part, confidence: 0.99, agent: 'billing-1', response: answer }],
    response: answer,
    suggestions: [],
    createdAt: new Date().toISOString(),
    timings: { totalMs: 0, routingMs: 0, answerMs: 0, queuedMs: 0, llmMs: 0 },
    usage: { llmCalls: 0, promptTokens: 0, completionTokens: 0 },
  };
}

const notHere = (what: string) => () =>
  Promise.reject(new Error(`the edge-only bench server has no ${what}`));

const desk: Desk = {
  profile: profileOf(demo),
  submit: async (input) => resultFor(input),
  getQuery: async () => undefined,
  feedback: notHere('feedback'),
  getConversation: async () => undefined,
  getCustomer: async () => undefined,
  listTickets: async () => [],
  getTicket: async () => undefined,
  updateTicket: async () => undefined,
  readiness: async () => ({
    ready: true,
    checks: { pool: true, blackboard: true, crm: true, tickets: true },
  }),
  agents: {
    status: () => [],
    subscribe: () => () => {},
    restart: notHere('agents'),
    stop: notHere('agents'),
    start: notHere('agents'),
    scale: notHere('agents'),
    killThread: notHere('agents'),
  },
  close: async () => {},
};

const config = loadConfig(process.env);
const logger = createLogger({ level: config.logLevel });
const app = createApp({ desk, options: config.http, logger, metrics: createMetrics() });
const running = await startServer({ app, host: config.http.host, port: config.http.port });
installShutdownSignals(createShutdownHandler(running, logger));
