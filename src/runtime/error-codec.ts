import {
  ActorNotFoundError,
  ActorStoppedError,
  AskTimeoutError,
  BehaviourError,
  InvalidMessageError,
  InvalidOptionsError,
  MailboxFullError,
  NotCloneableError,
  ServiceNotFoundError,
  ShuttingDownError,
  SwarmError,
  ThreadExitedError,
  type SerializedError,
} from './errors.js';

const KNOWN: Record<string, abstract new (...args: never[]) => SwarmError> = {
  MAILBOX_FULL: MailboxFullError,
  ASK_TIMEOUT: AskTimeoutError,
  ACTOR_NOT_FOUND: ActorNotFoundError,
  ACTOR_UNAVAILABLE: ActorStoppedError,
  SHUTTING_DOWN: ShuttingDownError,
  INVALID_MESSAGE: InvalidMessageError,
  BEHAVIOUR_FAILED: BehaviourError,
  THREAD_EXITED: ThreadExitedError,
  SERVICE_NOT_FOUND: ServiceNotFoundError,
  NOT_CLONEABLE: NotCloneableError,
  INVALID_OPTIONS: InvalidOptionsError,
};

/** Flattens anything thrown into the shape that crosses threads. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof SwarmError) return error.toJSON();
  if (error instanceof Error) {
    return { code: 'ERROR', message: error.message, details: { name: error.name } };
  }
  return { code: 'ERROR', message: String(error) };
}

/**
 * Rebuilds a SwarmError from its code. The subclass constructors format their own messages, so the
 * instance is made with the base constructor (keeping the original message verbatim) and then given
 * the subclass prototype: `instanceof MailboxFullError` works across threads.
 */
export function rebuildError(serialized: SerializedError): SwarmError {
  const error = new SwarmError(
    serialized.code,
    serialized.message,
    serialized.details ? { details: serialized.details } : undefined,
  );
  const known = KNOWN[serialized.code];
  if (known) {
    Object.setPrototypeOf(error, known.prototype);
    error.name = known.name;
  }
  if (error instanceof MailboxFullError) {
    Object.defineProperty(error, 'retryAfterMs', {
      value: Number(serialized.details?.['retryAfterMs'] ?? 0),
    });
  }
  return error;
}
