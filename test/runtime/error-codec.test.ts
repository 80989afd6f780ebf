import { describe, expect, it } from 'vitest';
import {
  AskTimeoutError,
  MailboxFullError,
  SwarmError,
  rebuildError,
  serializeError,
} from '../../src/runtime/index.js';

describe('errors across threads', () => {
  it('rebuilds a known code as its class with the original message and details', () => {
    const rebuilt = rebuildError(new MailboxFullError('a-1', 4, 120).toJSON());
    expect(rebuilt).toBeInstanceOf(MailboxFullError);
    expect(rebuilt).toMatchObject({ name: 'MailboxFullError', code: 'MAILBOX_FULL', retryAfterMs: 120 });
    expect(rebuilt.message).toBe('mailbox of a-1 is full (capacity 4)');
    expect(rebuildError(new AskTimeoutError('b', 5).toJSON())).toBeInstanceOf(AskTimeoutError);
  });

  it('rebuilds an unknown code as a plain SwarmError', () => {
    const rebuilt = rebuildError({ code: 'REFUND_DENIED', message: 'no', details: { limit: 1 } });
    expect(rebuilt.constructor).toBe(SwarmError);
    expect(rebuilt).toMatchObject({ code: 'REFUND_DENIED', message: 'no', details: { limit: 1 } });
  });

  it('flattens anything thrown', () => {
    expect(serializeError(new TypeError('bad'))).toEqual({
      code: 'ERROR',
      message: 'bad',
      details: { name: 'TypeError' },
    });
    expect(serializeError('plain')).toEqual({ code: 'ERROR', message: 'plain' });
  });
});
