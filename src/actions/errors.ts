import { SwarmError } from '../runtime/index.js';

export type ActionErrorCode =
  | 'ACTION_NOT_FOUND'
  | 'ACTION_NOT_ALLOWED'
  | 'ACTION_INVALID_ARGUMENTS'
  | 'ACTION_FAILED'
  | 'ACTION_TIMEOUT'
  | 'ACTION_UNAVAILABLE';

/**
 * Why an action gave no result. Callers answer the customer honestly from the code (or open a ticket),
 * never with an invented result.
 */
export class ActionError extends SwarmError {
  constructor(code: ActionErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details ? { details } : {});
  }
}
