import { SwarmError } from '../runtime/index.js';

export interface FieldIssue {
  /** Dotted path of the offending field (`customerId`, `rating`); empty for the whole body. */
  field: string;
  message: string;
}

/** The request body is not parseable JSON. */
export class InvalidJsonError extends SwarmError {
  constructor() {
    super('INVALID_JSON', 'request body is not valid JSON');
  }
}

/** A body, query string or path parameter does not match its schema; `details.issues` name the fields. */
export class ValidationError extends SwarmError {
  constructor(where: string, issues: FieldIssue[]) {
    const summary = issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ');
    super('VALIDATION_FAILED', `invalid ${where}: ${summary}`, { details: { issues } });
  }
}

export class UnauthorizedError extends SwarmError {
  constructor(message: string) {
    super('UNAUTHORIZED', message);
  }
}

/** The caller is known but may not do this: a missing scope, another customer, a remote admin call. */
export class ForbiddenError extends SwarmError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('FORBIDDEN', message, details ? { details } : undefined);
  }
}

/** An unknown route, or a known resource kind with an unknown id (`QUERY_NOT_FOUND`, `MODEL_NOT_FOUND`, ...). */
export class NotFoundError extends SwarmError {
  constructor(
    code:
      | 'NOT_FOUND'
      | 'QUERY_NOT_FOUND'
      | 'CONVERSATION_NOT_FOUND'
      | 'CUSTOMER_NOT_FOUND'
      | 'TICKET_NOT_FOUND'
      | 'MODEL_NOT_FOUND',
    message: string,
  ) {
    super(code, message);
  }
}

export class MethodNotAllowedError extends SwarmError {
  constructor(method: string, allowed: string[]) {
    super('METHOD_NOT_ALLOWED', `${method} is not allowed here`, { details: { allowed } });
  }
}

export class PayloadTooLargeError extends SwarmError {
  constructor(limitBytes: number) {
    super('PAYLOAD_TOO_LARGE', `request body exceeds ${limitBytes} bytes`, { details: { limitBytes } });
  }
}

export class RateLimitedError extends SwarmError {
  constructor(retryAfterMs: number) {
    super('RATE_LIMITED', 'too many requests', { details: { retryAfterMs } });
  }
}

export class UnsupportedMediaTypeError extends SwarmError {
  /** `contentType` as the request sent it; the message names the media type without its parameters. */
  constructor(contentType: string) {
    const mediaType = contentType.split(';')[0]?.trim() || contentType;
    super('UNSUPPORTED_MEDIA_TYPE', `request bodies must be application/json, not ${mediaType}`);
  }
}

/** An `Idempotency-Key` reused with another body: a client bug, never a retry. */
export class IdempotencyKeyReusedError extends SwarmError {
  constructor() {
    super('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with another request body');
  }
}

/** The first request with this `Idempotency-Key` is still running: retry once it has answered. */
export class IdempotencyInFlightError extends SwarmError {
  constructor() {
    super('IDEMPOTENCY_IN_FLIGHT', 'a request with this Idempotency-Key is still being processed', {
      details: { retryAfterMs: 1000 },
    });
  }
}

/**
 * The client went away before its request was read whole: a client event, answered to no one, counted
 * under its own code (status 499, as nginx names it) so it never looks like a server fault.
 */
export class ClientClosedError extends SwarmError {
  constructor(cause?: unknown) {
    super('CLIENT_CLOSED', 'the client closed the request before sending all of it', { cause });
  }
}

/** A plain GET on the WebSocket route: answered 426 with `Upgrade: websocket` (RFC 9110). */
export class UpgradeRequiredError extends SwarmError {
  constructor() {
    super('UPGRADE_REQUIRED', 'this route is a WebSocket: send an upgrade request', {
      details: { upgrade: 'websocket' },
    });
  }
}
