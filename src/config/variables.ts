/** One environment variable the process reads: the table docs show and `--help` prints. */
export interface ConfigVariable {
  name: string;
  /** The default as written in the environment; `undefined` means unset (the feature is off). */
  default: string | undefined;
  description: string;
  secret?: boolean;
}

/** Every default in one place; `loadConfig` parses these exactly as it parses the environment. */
export const CONFIG_VARIABLES = [
  { name: 'HOST', default: '127.0.0.1', description: 'Address the HTTP server listens on.' },
  { name: 'PORT', default: '3000', description: 'Port the HTTP server listens on (1-65535).' },
  {
    name: 'LOG_LEVEL',
    default: 'info',
    description:
      'pino level: fatal, error, warn, info, debug, trace or silent; debug adds a line per request.',
  },
  {
    name: 'SWARM_ADMIN_TOKEN',
    default: undefined,
    description:
      'Bearer token for the agent control endpoints (at least 16 characters); unset = only loopback clients may use them.',
    secret: true,
  },
  {
    name: 'SWARM_API_KEYS',
    default: undefined,
    description:
      'Comma-separated integrator keys, each `key` (every scope but admin) or `key:scope+scope` (queries, customers:read, tickets, feedback, tokens, admin); when set, every /v1 call needs a key or a customer token as a bearer token.',
    secret: true,
  },
  {
    name: 'SWARM_CUSTOMER_TOKEN_SECRET',
    default: undefined,
    description:
      "HS256 secret (at least 32 characters) of the customer tokens the integrator's backend mints (JWT, sub = customerId, exp required); a customer token acts only as its customer.",
    secret: true,
  },
  {
    name: 'SWARM_TRUSTED_PROXIES',
    default: undefined,
    description:
      "Comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For names the client; unset = the socket's address is the client's.",
  },
  {
    name: 'SWARM_BODY_LIMIT',
    default: '65536',
    description: 'Largest accepted request body in bytes (413 beyond).',
  },
  {
    name: 'SWARM_MESSAGE_MAX_LENGTH',
    default: '4000',
    description: 'Longest accepted customer message in characters.',
  },
  {
    name: 'SWARM_RATE_LIMIT',
    default: '50:100',
    description:
      'Requests per second per key (or client address) and burst, as `rate:burst`; `off` disables.',
  },
  {
    name: 'SWARM_SSE_KEEPALIVE_MS',
    default: '15000',
    description: 'Interval of SSE keep-alive comment lines.',
  },
  {
    name: 'SWARM_SHUTDOWN_TIMEOUT_MS',
    default: '30000',
    description: 'How long a graceful shutdown waits for accepted queries before closing connections.',
  },
  {
    name: 'SWARM_HEADERS_TIMEOUT_MS',
    default: '10000',
    description: 'A client that has not sent its request headers in this long gets 408 and is disconnected.',
  },
  {
    name: 'SWARM_REQUEST_TIMEOUT_MS',
    default: '30000',
    description: 'Same for the whole request, body included (responses and streams are not limited).',
  },
  {
    name: 'SWARM_FAULT_INJECTION',
    default: '0',
    description:
      'With 1, the admin endpoint `POST /v1/faults/thread-exit` kills a worker thread (fault drills).',
  },
  {
    name: 'REDIS_URL',
    default: undefined,
    description: 'Redis for the shared stores; unset = in memory.',
    secret: true,
  },
  { name: 'SWARM_REDIS_PREFIX', default: 'swarmdesk:', description: 'Prefix of every Redis key.' },
  {
    name: 'SWARM_THREADS',
    default: undefined,
    description: 'Worker threads hosting the agents (1-64); unset = CPUs.',
  },
  {
    name: 'SWARM_DESK',
    default: 'demo',
    description: 'The desk folder (desk.yaml, intents, knowledge, customers; docs/desk.md), or demo.',
  },
  {
    name: 'SWARM_CUSTOMERS_FILE',
    default: undefined,
    description:
      "JSON array of customer records seeded, with the desk's customers, into an empty CRM at start.",
  },
  {
    name: 'SWARM_KNOWLEDGE_DIR',
    default: undefined,
    description: "Directory of knowledge articles added to the desk's (the same id replaces one).",
  },
  { name: 'SWARM_INTENT_MODEL', default: undefined, description: 'Path of a trained intent model file.' },
  {
    name: 'SWARM_INTENT_MAPPING',
    default: undefined,
    description: 'Path of its intent-to-department mapping.',
  },
  {
    name: 'SWARM_DATA_DIR',
    default: '.swarmdesk',
    description: 'File-backed state: the trained model cache, and learned corrections without Redis.',
  },
  {
    name: 'SWARM_DOUBLE_TEXT',
    default: 'enqueue',
    description: 'A second message while one is answered: enqueue, merge or reject.',
  },
  {
    name: 'SWARM_CONVERSATION_LEASE_MS',
    default: '10000',
    description:
      'With Redis: how long a crashed process keeps its conversations before another may answer them.',
  },
  {
    name: 'SWARM_QUERY_TIMEOUT_MS',
    default: '30000',
    description: 'End-to-end budget of one query before escalation answers.',
  },
  {
    name: 'SWARM_MAX_QUERIES_IN_FLIGHT',
    default: '10000',
    description: 'Queries accepted and not yet answered; beyond it new ones get 503 with Retry-After.',
  },
  {
    name: 'SWARM_MEMORY_CONVERSATIONS',
    default: '10000',
    description: 'Without Redis: conversations kept in memory, least recently used evicted first.',
  },
  {
    name: 'SWARM_MEMORY_RESULTS',
    default: '10000',
    description:
      'Without Redis: query results kept in memory (GET /v1/queries/:id), least recently used evicted first.',
  },
  {
    name: 'SWARM_LEARNING_SYNC_MS',
    default: '5000',
    description: 'With Redis: how often a process takes in corrections other processes accepted.',
  },
  {
    name: 'OPENAI_API_KEY',
    default: undefined,
    description: 'Turns LLM mode on (with or without OPENAI_BASE_URL).',
    secret: true,
  },
  {
    name: 'OPENAI_BASE_URL',
    default: undefined,
    description: 'Any OpenAI-compatible endpoint; turns LLM mode on.',
  },
  { name: 'OPENAI_MODEL', default: 'gpt-4o-mini', description: 'Chat model used in LLM mode.' },
  { name: 'SWARM_LLM_CONCURRENCY', default: '16', description: 'Concurrent LLM calls.' },
  { name: 'SWARM_LLM_TIMEOUT_MS', default: '15000', description: 'Timeout of one LLM call attempt.' },
  {
    name: 'SWARM_LLM_MAX_TOOL_CALLS',
    default: '3',
    description: "Calls on the desk's actions per answer in LLM mode; 0 offers the model no tools.",
  },
] as const satisfies readonly ConfigVariable[];
