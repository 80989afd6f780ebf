import { describe, expect, it } from 'vitest';
import type { WebhookEventType } from '../../src/webhooks/index.js';
import { withActionFailedEvents, withWebhookEvents } from '../../src/webhooks/index.js';
import { FakeDesk } from '../support/fake-desk.js';
import { sampleTicket } from '../tickets/conformance.js';

function recordingDesk() {
  const inner = new FakeDesk();
  const events: { type: WebhookEventType; data: Record<string, unknown> }[] = [];
  const desk = withWebhookEvents(inner, async (type, data) => {
    events.push({ type, data });
  });
  return { inner, desk, events };
}

describe('desk webhook events', () => {
  it('publishes ticket.updated with the ticket as changed, and nothing for an unknown ticket', async () => {
    const { inner, desk, events } = recordingDesk();
    inner.tickets.set('T-1', sampleTicket('T-1'));
    await desk.updateTicket('T-1', { assignee: 'eva' });
    await desk.updateTicket('T-9', { assignee: 'eva' });
    expect(events).toEqual([
      {
        type: 'ticket.updated',
        data: {
          ticket: expect.objectContaining({ ticketId: 'T-1', assignee: 'eva' }),
          change: { assignee: 'eva' },
        },
      },
    ]);
  });

  it('publishes feedback.received, and conversation.resolved when the customer says it is', async () => {
    const { desk, events } = recordingDesk();
    const { queryId, conversationId } = await desk.submit({ customerId: 'C001', message: 'hi' });
    await desk.feedback(queryId, { rating: 5 });
    await desk.feedback(queryId, { resolved: true });
    expect(events.map((e) => e.type)).toEqual([
      'feedback.received',
      'feedback.received',
      'conversation.resolved',
    ]);
    expect(events[2]?.data).toEqual({ queryId, conversationId });
  });

  it('publishes nothing for an answered query that was not escalated, and delegates every read', async () => {
    const { inner, desk, events } = recordingDesk();
    const result = await desk.submit({ customerId: 'C001', message: 'hi' });
    expect(result.escalated).toBe(false);
    expect(events).toEqual([]);
    expect(await desk.getQuery(result.queryId)).toEqual(result);
    expect(desk.agents.status()).toEqual(inner.agents.status());
  });

  it('publishes query.escalated and ticket.created, with the ticket, for an escalated query', async () => {
    const { inner, desk, events } = recordingDesk();
    inner.tickets.set('T-1', sampleTicket('T-1'));
    const answer = inner.submit.bind(inner);
    inner.submit = async (input) => ({ ...(await answer(input)), escalated: true, ticketId: 'T-1' });
    const { queryId } = await desk.submit({ customerId: 'C001', message: 'a human, now' });
    expect(events).toEqual([
      {
        type: 'query.escalated',
        data: expect.objectContaining({ queryId, customerId: 'C001', ticketId: 'T-1' }),
      },
      { type: 'ticket.created', data: { ticket: sampleTicket('T-1') } },
    ]);
  });

  it('publishes action.failed for a failed action call, and still tells the observer it wraps', async () => {
    const seen: string[] = [];
    const events: { type: WebhookEventType; data: Record<string, unknown> }[] = [];
    const observer = withActionFailedEvents(
      { actionCall: (record) => seen.push(record.outcome) },
      async (type, data) => {
        events.push({ type, data });
      },
      () => {},
    );
    const base = {
      action: 'order_status',
      department: 'shipping',
      conversationId: 'c-1',
      attempts: 3,
      latencyMs: 12,
      at: '2026-01-01T00:00:00.000Z',
    };
    observer.actionCall?.({ ...base, outcome: 'ok', status: 200 });
    observer.actionCall?.({ ...base, outcome: 'error', code: 'ACTION_FAILED', status: 503 });
    await Promise.resolve();
    expect(seen).toEqual(['ok', 'error']);
    expect(events).toEqual([
      {
        type: 'action.failed',
        data: {
          action: 'order_status',
          department: 'shipping',
          conversationId: 'c-1',
          code: 'ACTION_FAILED',
          status: 503,
          attempts: 3,
        },
      },
    ]);
  });
});
