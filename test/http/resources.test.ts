import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/domain/ticket.js';
import { makeApp, postJson } from './helpers.js';

describe('conversation, customer and ticket reads', () => {
  it('returns the conversation of an answered query and 404 for an unknown one', async () => {
    const { app } = makeApp();
    const res = await postJson(app, '/v1/queries', {
      customerId: 'C001',
      message: 'hello',
      conversationId: 'conv-a',
    });
    expect(res.status).toBe(200);
    const found = await app.request('/v1/conversations/conv-a');
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ conversationId: 'conv-a', customerId: 'C001' });
    const missing = await app.request('/v1/conversations/conv-zzz');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'CONVERSATION_NOT_FOUND' } });
  });

  it('returns a customer and 404 for an unknown one', async () => {
    const { app } = makeApp();
    expect(await (await app.request('/v1/customers/C001')).json()).toMatchObject({
      customerId: 'C001',
      subscriptionType: 'Premium',
    });
    const missing = await app.request('/v1/customers/C999');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'CUSTOMER_NOT_FOUND' } });
  });
});

function ticket(ticketId: string, status: Ticket['status'] = 'open'): Ticket {
  return {
    schemaVersion: 1,
    ticketId,
    queryId: `q-${ticketId}`,
    conversationId: `c-${ticketId}`,
    customerId: 'C001',
    priority: 'high',
    department: 'billing',
    language: 'en',
    reasons: ['human_requested'],
    summary: 'wants a person',
    status,
    assignee: null,
    notes: [],
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
    dueBy: '2026-11-25T14:00:00.000Z',
  };
}

describe('the human-handoff queue', () => {
  it('asks the desk for a page of tickets, 100 unless a limit is given, of one status when asked', async () => {
    const { app, desk } = makeApp();
    desk.tickets.set('T-1', ticket('T-1'));
    desk.tickets.set('T-2', ticket('T-2', 'closed'));
    expect(await (await app.request('/v1/tickets')).json()).toEqual({
      tickets: [ticket('T-1'), ticket('T-2', 'closed')],
    });
    expect((await app.request('/v1/tickets?status=closed&limit=5')).status).toBe(200);
    expect((await app.request('/v1/tickets?assignee=eva')).status).toBe(200);
    expect(desk.ticketLists).toEqual([
      { limit: 100 },
      { status: 'closed', limit: 5 },
      { assignee: 'eva', limit: 100 },
    ]);

    for (const query of ['status=pending', 'limit=0', 'limit=1001', 'limit=ten']) {
      const bad = await app.request(`/v1/tickets?${query}`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    }
  });

  it('returns one ticket and 404 TICKET_NOT_FOUND for an unknown one', async () => {
    const { app, desk } = makeApp();
    desk.tickets.set('T-1', ticket('T-1'));
    expect(await (await app.request('/v1/tickets/T-1')).json()).toEqual(ticket('T-1'));
    const missing = await app.request('/v1/tickets/T-9');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'TICKET_NOT_FOUND' } });
  });

  it('lets a person take, close and reopen a ticket', async () => {
    const { app, desk } = makeApp();
    desk.tickets.set('T-1', ticket('T-1'));
    const patch = (id: string, body: unknown, contentType = 'application/json') =>
      app.request(`/v1/tickets/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': contentType },
        body: JSON.stringify(body),
      });
    for (const status of ['assigned', 'closed', 'open'] as const) {
      const res = await patch('T-1', { status });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ...ticket('T-1', status), updatedAt: '2026-01-01T12:00:00.000Z' });
      expect(desk.tickets.get('T-1')?.status).toBe(status);
    }
    expect((await patch('T-9', { status: 'closed' })).status).toBe(404);
    const bad = await patch('T-1', { status: 'done' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ field: 'status' }] } },
    });
    expect((await patch('T-1', { status: 'closed' }, 'text/plain')).status).toBe(415);
    expect(desk.tickets.get('T-1')?.status).toBe('open');
  });

  it('assigns a ticket and appends notes, and refuses unknown fields naming them', async () => {
    const { app, desk } = makeApp();
    desk.tickets.set('T-1', ticket('T-1'));
    const patch = (body: unknown) =>
      app.request('/v1/tickets/T-1', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const taken = await patch({
      status: 'assigned',
      assignee: 'eva',
      note: { text: 'on it', author: 'eva' },
    });
    expect(taken.status).toBe(200);
    expect(await taken.json()).toMatchObject({
      status: 'assigned',
      assignee: 'eva',
      notes: [{ text: 'on it', author: 'eva' }],
    });

    const unknown = await patch({ status: 'closed', asignee: 'eva', priority: 'low' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        details: {
          issues: [
            { field: 'asignee', message: 'unknown field' },
            { field: 'priority', message: 'unknown field' },
          ],
        },
      },
    });
    expect((await patch({ note: { text: 'x', mood: 'sad' } })).status).toBe(400);
    expect((await patch({})).status).toBe(400);
    expect(desk.tickets.get('T-1')).toMatchObject({ status: 'assigned', notes: [{ text: 'on it' }] });
  });
});

describe('unknown routes and methods', () => {
  it('answers an unknown route with a JSON 404', async () => {
    const { app } = makeApp();
    const res = await app.request('/v2/nothing', { headers: { 'x-request-id': 'trace-404' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('trace-404');
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('answers a known path under the wrong method with 405 and Allow', async () => {
    const { app } = makeApp();
    const res = await app.request('/v1/queries', { method: 'GET' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toMatchObject({
      error: { code: 'METHOD_NOT_ALLOWED', details: { allowed: ['POST'] } },
    });
  });
});
