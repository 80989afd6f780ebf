import { describe, expect, it } from 'vitest';
import { MailboxFullError, SwarmError } from '../../src/runtime/index.js';

describe('SwarmError', () => {
  it('keeps a stable code, the subclass name and the cause', () => {
    const cause = new Error('root');
    const error = new SwarmError('SOME_CODE', 'went wrong', { cause });
    expect(error.code).toBe('SOME_CODE');
    expect(error.name).toBe('SwarmError');
    expect(error.cause).toBe(cause);
  });

  it('serialises to the shape that crosses threads and the HTTP edge', () => {
    const error = new MailboxFullError('router-1', 8, 250);
    expect(error.name).toBe('MailboxFullError');
    expect(error.toJSON()).toEqual({
      code: 'MAILBOX_FULL',
      message: 'mailbox of router-1 is full (capacity 8)',
      details: { actorId: 'router-1', capacity: 8, retryAfterMs: 250 },
    });
  });
});
