import { SwarmError } from '../runtime/index.js';

/** Unwraps a MULTI/pipeline reply, rethrowing the first command error instead of returning it. */
export function execReplies(replies: [Error | null, unknown][] | null): unknown[] {
  if (!replies) throw new SwarmError('REDIS_TRANSACTION_ABORTED', 'a Redis transaction was aborted');
  return replies.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}
