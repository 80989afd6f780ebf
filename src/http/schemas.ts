import { z } from '@hono/zod-openapi';
import { ACTOR_STATES } from '../runtime/index.js';
import { SerializedErrorSchema } from '../domain/error.js';
import { Id } from '../domain/id.js';
import { QueryInput } from '../domain/query.js';
import { TicketStatus } from '../domain/ticket.js';

/** Every error response. */
const ErrorBody = z.object({ error: SerializedErrorSchema }).openapi('Error');

/**
 * The one union of stream events (SSE event data, WebSocket frames), registered by `describeApi`. A
 * reference, not the schema: the domain's zod schemas are built before zod learns `.openapi()`.
 */
export const STREAM_EVENT_REF = { $ref: '#/components/schemas/StreamEvent' } as const;

/**
 * The submit body: the domain's QueryInput with the configured message length limit, and the served
 * desk's specialist departments as the ones a message may be pinned to.
 */
export function queryRequest(messageMaxLength: number, departments: readonly string[]) {
  const [first, ...rest] = departments;
  const department = first === undefined ? z.never() : z.enum([first, ...rest]);
  return QueryInput.extend({
    message: z.string().trim().min(1).max(messageMaxLength),
    department: department.optional().openapi({
      description:
        "Pins the message to one of the desk's specialist departments: its specialist answers instead " +
        'of the one the router would choose. Escalation to a person still applies.',
    }),
  }).openapi('QueryRequest');
}

/** Documents the `Idempotency-Key` header of the routes that take one (checked by its middleware). */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .openapi({
      description:
        'Makes a retry safe: the same key with the same body returns the first response ' +
        '(header `Idempotent-Replayed: true`), for 24 h; with another body 422 IDEMPOTENCY_KEY_REUSED; ' +
        'while the first is still running 409 IDEMPOTENCY_IN_FLIGHT (retry after `Retry-After`).',
    }),
});

export const IdParam = z.object({ id: Id });
export const TypeParam = z.object({ type: z.string().min(1).max(100) });

/** `GET /v1/tickets`: a status and an assignee to filter by, and a page size (the most urgent first). */
export const TicketListQuery = z
  .object({
    status: TicketStatus.optional(),
    assignee: Id.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

/** `GET /v1/agents/stream`: `batched=true` for the gathered, throttled form screens use. */
export const AgentStreamQuery = z
  .object({
    batched: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
  })
  .strict();

export const ScaleRequest = z.object({ instances: z.number().int().min(0).max(256) }).openapi('ScaleRequest');
export type ScaleRequest = z.infer<typeof ScaleRequest>;

export const AgentStatus = z
  .object({
    id: z.string(),
    type: z.string(),
    state: z.enum(ACTOR_STATES),
    mailbox: z.object({ depth: z.number().int(), capacity: z.number().int() }),
    processed: z.number().int(),
    failed: z.number().int(),
    restarts: z.number().int(),
    lastError: SerializedErrorSchema.nullable(),
    thread: z.number().int().nullable(),
  })
  .openapi('AgentStatus');

export const Readiness = z
  .object({
    ready: z.boolean(),
    checks: z.object({ pool: z.boolean(), blackboard: z.boolean(), crm: z.boolean(), tickets: z.boolean() }),
  })
  .openapi('Readiness');

export const ControlResult = z.object({ id: z.string(), action: z.enum(['restart', 'stop', 'start']) });
export const ScaleResult = z.object({ type: z.string(), instances: z.array(z.string()) });

/** Routes that take no query parameters: any parameter is refused, naming it (400). */
export const NoQuery = z.object({}).strict();

const ERROR_DESCRIPTIONS = {
  400: 'Invalid JSON, a field or parameter failing validation, or an unknown query parameter (details.issues name them)',
  401: 'Missing or invalid bearer token',
  403: 'Not allowed for this caller (a missing scope, another customer, or agent control from a non-loopback client)',
  404: 'Unknown id',
  409: 'The conversation is still answering a previous message (or another process took it over while this one answered), a concurrent update won, or a request with the same Idempotency-Key is running',
  413: 'Body larger than the limit',
  415: 'Body sent with a content type other than JSON',
  422: 'Well-formed but not acceptable (unknown intent, bad scale, an Idempotency-Key reused with another body)',
  426: 'Not a WebSocket upgrade request',
  429: 'Rate limited; see Retry-After',
  503: 'Busy (mailboxes full), shutting down, or a store unreachable; see Retry-After',
  504: 'An agent or the LLM did not answer in time',
} as const;
type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** What any /v1 route may answer: bad parameters, the key and scope checks, the rate limit, a fault. */
const EVERY_ROUTE: readonly ErrorStatus[] = [400, 401, 403, 429, 503];

/** The error responses of `statuses`, each with `schema` as its body. */
export function errorResponsesWith(schema: z.ZodType, statuses: readonly ErrorStatus[]) {
  const all = [...new Set([...EVERY_ROUTE, ...statuses])].sort((a, b) => a - b);
  return Object.fromEntries(
    all.map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status], content: { 'application/json': { schema } } },
    ]),
  );
}

/** Responses every route may give, referenced so each route lists only what is specific to it. */
export function errorResponses(...statuses: ErrorStatus[]) {
  return errorResponsesWith(ErrorBody, statuses);
}
