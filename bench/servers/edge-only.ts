// Scenario 2's breakdown: swarmdesk's own HTTP edge (the same app, middleware, validation, metrics and
// configuration as `swarmdesk serve`) in front of a stand-in desk that answers every query at once with
// a result the size of a real one. What the pipeline costs beyond this is the swarm's.
import { DEMO_DESK_DIR, openDesk, profileOf, type Desk } from '../../src/desk/index.js';
import { loadConfig } from '../../src/config/index.js';
import {
  createApp,
  createLogger,
  createMetrics,
  createShutdownHandler,
  installShutdownSignals,
  startServer,
} from '../../src/http/index.js';
import { standInAnswer, standInResult } from '../lib/stand-in-result.js';

const demo = openDesk(DEMO_DESK_DIR).desk;
const answer = standInAnswer(demo);

const notHere = (what: string) => () =>
  Promise.reject(new Error(`the edge-only bench server has no ${what}`));

const desk: Desk = {
  profile: profileOf(demo),
  submit: async (input) => standInResult(input, answer),
  getQuery: async () => undefined,
  feedback: notHere('feedback'),
  getConversation: async () => undefined,
  getCustomer: async () => undefined,
  listTickets: async () => [],
  getTicket: async () => undefined,
  llmHealth: () => undefined,
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
