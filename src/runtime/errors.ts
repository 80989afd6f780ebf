/**
 * Every error the project raises derives from SwarmError: a stable `code` that callers (and the HTTP
 * edge) switch on, a `cause` for the chain, and `expose` to keep caller mistakes apart from system
 * faults. Errors cross worker threads as `{ code, message, details }` and are rebuilt from the code.
 */
export class SwarmError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options?.details;
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export interface SerializedError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** A mailbox at capacity refuses instead of dropping; `retryAfterMs` is a hint for the sender. */
export class MailboxFullError extends SwarmError {
  readonly retryAfterMs: number;
  constructor(actorId: string, capacity: number, retryAfterMs: number) {
    super('MAILBOX_FULL', `mailbox of ${actorId} is full (capacity ${capacity})`, {
      details: { actorId, capacity, retryAfterMs },
    });
    this.retryAfterMs = retryAfterMs;
  }
}

export class AskTimeoutError extends SwarmError {
  constructor(target: string, timeoutMs: number) {
    super('ASK_TIMEOUT', `no reply from ${target} within ${timeoutMs} ms`, {
      details: { target, timeoutMs },
    });
  }
}

export class ActorNotFoundError extends SwarmError {
  constructor(target: string) {
    super('ACTOR_NOT_FOUND', `no actor or pool named ${target}`, { details: { target } });
  }
}

export class ActorStoppedError extends SwarmError {
  constructor(actorId: string, state: string) {
    super('ACTOR_UNAVAILABLE', `actor ${actorId} is ${state}`, { details: { actorId, state } });
  }
}

export class ShuttingDownError extends SwarmError {
  constructor() {
    super('SHUTTING_DOWN', 'the actor system is shutting down and accepts no new messages');
  }
}

export class InvalidMessageError extends SwarmError {
  constructor(actorId: string, issues: string) {
    super('INVALID_MESSAGE', `message for ${actorId} does not match its protocol: ${issues}`, {
      details: { actorId },
    });
  }
}

/** A behaviour threw: the original error, flattened on the worker side, travels in `details`. */
export class BehaviourError extends SwarmError {
  constructor(actorId: string, remote: SerializedError) {
    super('BEHAVIOUR_FAILED', `actor ${actorId} failed: ${remote.message}`, {
      details: { actorId, remoteCode: remote.code, ...(remote.details ?? {}) },
    });
  }
}

/** A worker thread died (uncaught exception outside a handler, `process.exit`, out of memory). */
export class ThreadExitedError extends SwarmError {
  constructor(thread: number, exitCode: number | null, reason: string | undefined) {
    super(
      'THREAD_EXITED',
      `worker thread ${thread} exited (code ${exitCode ?? 'none'})${reason ? `: ${reason}` : ''}`,
      {
        details: { thread, exitCode },
      },
    );
  }
}

export class ServiceNotFoundError extends SwarmError {
  constructor(service: string, method: string) {
    super('SERVICE_NOT_FOUND', `no host service method ${service}.${method}`, {
      details: { service, method },
    });
  }
}

/** A value could not cross the thread boundary (functions, class instances with private state, ...). */
export class NotCloneableError extends SwarmError {
  constructor(what: string, reason: string) {
    super('NOT_CLONEABLE', `${what} cannot cross a thread boundary: ${reason}`, { details: { what } });
  }
}

/** A caller mistake in options or in a control call (scale beyond bounds, duplicate pool type). */
export class InvalidOptionsError extends SwarmError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('INVALID_OPTIONS', message, details ? { details } : undefined);
  }
}
