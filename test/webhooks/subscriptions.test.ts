import { describe, expect, it } from 'vitest';
import { resolveSubscriptions } from '../../src/webhooks/index.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ENTRY = {
  url: 'https://hooks.example/support',
  events: ['ticket.created'],
  secret: '${WEBHOOK_SECRET}',
};

describe('webhook subscriptions from a desk', () => {
  it('reads the secret from the environment', () => {
    expect(resolveSubscriptions([ENTRY], { WEBHOOK_SECRET: SECRET })).toEqual([{ ...ENTRY, secret: SECRET }]);
  });

  it('names an unset variable, and refuses a secret not in whsec_ form without printing it', () => {
    expect(() => resolveSubscriptions([ENTRY], {})).toThrow(/WEBHOOK_SECRET/);
    let message = '';
    try {
      resolveSubscriptions([ENTRY], { WEBHOOK_SECRET: 'hunter2-plain' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/webhooks\[0\]\.secret/);
    expect(message).not.toContain('hunter2');
    expect(() =>
      resolveSubscriptions([{ ...ENTRY, events: ['ticket.deleted'] }], { WEBHOOK_SECRET: SECRET }),
    ).toThrow(/webhooks\[0\]\.events/);
  });
});
