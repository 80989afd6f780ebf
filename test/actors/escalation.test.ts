import { describe, expect, it } from 'vitest';
import { escalationBehaviour } from '../../src/actors/escalation.js';
import type { EscalationReply, EscalationRequested } from '../../src/actors/escalation-messages.js';
import { fakeContext } from './support/fake-context.js';

const request: EscalationRequested = {
  type: 'support.escalation.requested',
  queryId: 'q1',
  conversationId: 'c1',
  customerId: 'CUST001',
  language: 'en',
  priority: 'high',
  department: 'technical',
  reasons: ['human_requested'],
  summary: 'I want to talk to a person',
  customer: null,
  noArticle: false,
};

describe('escalation agent', () => {
  it('opens a ticket and tells the customer its number and when a person will answer', async () => {
    const { ctx, calls } = fakeContext({
      id: 'escalation-1',
      call: (_service, _method, [ticket]) => ({
        ...(ticket as object),
        ticketId: 'T-42',
        dueBy: '2026-11-25T14:00:00.000Z',
      }),
    });
    const state = await escalationBehaviour.init(ctx);
    const step = await escalationBehaviour.receive(state, escalationBehaviour.messages.parse(request), ctx);
    const reply = (await step.reply) as EscalationReply;
    expect(calls[0]).toMatchObject({ service: 'tickets', method: 'open' });
    expect(calls[0]?.args[0]).toMatchObject({
      priority: 'high',
      reasons: ['human_requested'],
      department: 'technical',
    });
    expect(reply).toMatchObject({
      agent: 'escalation-1',
      ticketId: 'T-42',
      dueBy: '2026-11-25T14:00:00.000Z',
    });
    expect(reply.text).toContain('ticket T-42, priority high');
    expect(reply.text).toContain('25 Nov 2026, 14:00 UTC');
  });

  it('still answers honestly when the ticket cannot be opened', async () => {
    const { ctx } = fakeContext({
      call: () => {
        throw new Error('queue down');
      },
    });
    const step = await escalationBehaviour.receive(null, request, ctx);
    const reply = (await step.reply) as EscalationReply;
    expect(reply.ticketId).toBeNull();
    expect(reply.text).toContain('the ticket could not be opened');
  });
});
