import { z } from '@hono/zod-openapi';
import { ACTOR_STATES } from '../runtime/index.js';
import { SerializedErrorSchema } from '../domain/error.js';
import { QueryInput } from '../domain/query.js';
import { TicketStatus } from '../domain/ticket.js';

/** Every error response. */
export const ErrorBody = z.object({ error: SerializedErrorSchema }).openapi('Error');
export type ErrorBody = z.infer<typeof ErrorBody>;

/** The submit body: the domain's QueryInput with the configured message length limit. */
export function queryRequest(messageMaxLength: number) {
  return QueryInput.extend({ message: z.string().trim().min(1).max(messageMaxLength) }).openapi(
    'QueryRequest',
  );
}

export const IdParam = z.object({ id: z.string().min(1).max(200) });
export const TypeParam = z.object({ type: z.string().min(1).max(100) });

/** `GET /v1/tickets`: a status to filter by, and a page size (the most urgent first). */
export const TicketListQuery = z.object({
  status: TicketStatus.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** `GET /v1/agents/stream`: `batched=true` for the gathered, throttled form screens use. */
export const AgentStreamQuery = z.object({
  batched: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export const TicketStatusChange = z.object({ status: TicketStatus }).openapi('TicketStatusChange');
export type TicketStatusChange = z.infer<typeof TicketStatusChange>;

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

/** Responses every route may give, referenced so each route lists only what is specific to it. */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503)[]) {
  const descriptions = {
    400: 'Invalid JSON or a field failing validation (details.issues name the fields)',
    401: 'Missing or invalid bearer token',
    403: 'Not allowed from this client',
    404: 'Unknown id',
    409: 'The conversation is still answering a previous message',
    413: 'Body larger than the limit',
    415: 'Body sent with a content type other than JSON',
    422: 'Well-formed but not acceptable (unknown intent, bad scale)',
    429: 'Rate limited; see Retry-After',
    503: 'Busy (mailboxes full) or shutting down; see Retry-After',
  } as const;
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: descriptions[status], content: { 'application/json': { schema: ErrorBody } } },
    ]),
  );
}
