import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { StreamEvent } from '../domain/query.js';
import { DEPARTMENT_NAME, ESCALATION } from '../domain/vocabulary.js';
import type { AppEnv } from './env.js';

/** Security of the routes no key guards (probes, metrics). */
export const OPEN: Record<string, string[]>[] = [];
/** Security of the agent control routes. */
export const ADMIN = [{ adminToken: [] }];

const INFO = {
  title: 'swarmdesk',
  version: '1.0.0',
  description:
    'The swarmdesk HTTP API (v1). Errors are `{ "error": { "code", "message", "details"? } }` (the `Error` ' +
    "schema) except on the OpenAI-compatible routes, which answer in OpenAI's shape (`OpenAiError`).",
  license: { name: 'MIT', identifier: 'MIT' },
};

const DEPARTMENT_PATTERN = DEPARTMENT_NAME.source;

/**
 * The department names in the document are the served desk's: every schema of a department name
 * (the `Department` pattern) lists them as its enum, so generated clients know them.
 */
function withDepartments(node: unknown, names: readonly string[]): unknown {
  if (Array.isArray(node)) return node.map((item) => withDepartments(item, names));
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node).map(([key, value]) => [key, withDepartments(value, names)] as const);
  const schema = Object.fromEntries(entries) as Record<string, unknown>;
  return schema['type'] === 'string' && schema['pattern'] === DEPARTMENT_PATTERN
    ? { ...schema, enum: [...names, ESCALATION] }
    : schema;
}

/**
 * Registers what the document says beyond the routes (security schemes, the stream event union, tags,
 * servers) and serves it at `/openapi.json`. The default security is the
 * integrator key; routes override it with `OPEN` or `ADMIN`.
 */
export function describeApi(api: OpenAPIHono<AppEnv>, departments: readonly string[]): void {
  api.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description:
      'An integrator key from `SWARM_API_KEYS`. When that variable is unset, /v1 is open and the header is ignored.',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description:
      '`SWARM_ADMIN_TOKEN`. When that variable is unset, only clients connecting from a loopback address may call these.',
  });
  // Converted by zod itself: the domain's schemas may be built before zod learns `.openapi()`, which
  // the registry's own conversion needs. JSON Schema 2020-12 is OpenAPI 3.1's schema dialect; the two
  // type packages do not know that, hence the cast.
  const { $schema: _dialect, ...streamEvent } = z.toJSONSchema(StreamEvent);
  api.openAPIRegistry.registerComponent('schemas', 'StreamEvent', streamEvent as never);
  const config = {
    openapi: '3.1.0',
    info: INFO,
    servers: [{ url: '/', description: 'The server serving this document' }],
    security: [{ apiKey: [] }],
    tags: [
      { name: 'Queries', description: 'Customer messages and their answers (JSON, SSE, WebSocket)' },
      { name: 'OpenAI-compatible', description: 'The desk as a chat-completions model' },
      { name: 'Desk', description: 'The desk being served: languages, departments, intents' },
      { name: 'Conversations', description: 'Conversation state and trail' },
      { name: 'Customers', description: 'Customer records' },
      { name: 'Tickets', description: 'The human-handoff queue' },
      { name: 'Agents', description: 'Agent status and control' },
      { name: 'Webhooks', description: "Deliveries of the desk's webhooks" },
      { name: 'Console', description: "The operators' console's data" },
      { name: 'System', description: 'Probes and metrics' },
    ],
  };
  api.get('/openapi.json', (c) =>
    c.json(withDepartments(api.getOpenAPI31Document(config), departments) as Record<string, unknown>),
  );
}
