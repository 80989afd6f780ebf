import { afterEach, describe, expect, it } from 'vitest';
import type { Desk } from '../../src/desk/index.js';
import { MailboxFullError } from '../../src/runtime/index.js';
import { brokenAgentRef } from './fixtures/broken-agents.js';
import { startDesk } from './support/desk-harness.js';

let desk: Desk | undefined;

afterEach(async () => {
  await desk?.close();
  desk = undefined;
});

async function reasonsOf(result: { conversationId: string; queryId: string }): Promise<unknown> {
  const trail = await desk?.getConversation(result.conversationId);
  const fact = trail?.entries.find(
    (e) => e.kind === 'fact' && e.key === 'escalation' && e.queryId === result.queryId,
  );
  return fact?.kind === 'fact' ? (fact.value as { reasons: unknown }).reasons : undefined;
}

describe('desk: failures', () => {
  it('escalates when a specialist fails, with a ticket and an honest answer', async () => {
    desk = await startDesk({}, { behaviours: { technical: brokenAgentRef() } });
    const result = await desk.submit({ customerId: 'CUST005', message: 'How do I reset my password?' });
    expect(result).toMatchObject({ escalated: true, department: 'escalation' });
    expect(result.ticketId).toMatch(/^T-/);
    expect(result.response).toContain('Something went wrong on our side');
    expect(await reasonsOf(result)).toEqual(['specialist_failed']);
    expect((await desk.listTickets()).map((t) => t.ticketId)).toContain(result.ticketId);
  });

  it('answers with the desk’s own escalation when the router fails', async () => {
    desk = await startDesk({}, { behaviours: { router: brokenAgentRef() } });
    const result = await desk.submit({ customerId: 'CUST001', message: 'Kdy mi přijde faktura?' });
    expect(result).toMatchObject({ escalated: true, assignedAgent: 'desk', language: 'cs' });
    expect(result.response).toContain('Dobrý den, pane Nováku,');
    expect(result.ticketId).toMatch(/^T-/);
    expect(await desk.getQuery(result.queryId)).toEqual(result);
  });

  it('refuses with MAILBOX_FULL under overload and answers every query it accepted', async () => {
    desk = await startDesk({
      mailboxCapacity: 1,
      pools: {
        router: { min: 1, max: 1 },
        technical: { min: 1, max: 1 },
        billing: { min: 1, max: 1 },
        general: { min: 1, max: 1 },
        escalation: { min: 1, max: 1 },
      },
    });
    const open = desk;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        open.submit({ customerId: 'CUST005', message: `How do I reset my password? (${i})` }),
      ),
    );
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    const answered = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect(refused.length).toBeGreaterThan(0);
    for (const error of refused) expect(error).toBeInstanceOf(MailboxFullError);
    expect(answered.length).toBeGreaterThan(0);
    for (const result of answered) expect(await open.getQuery(result.queryId)).toEqual(result);
  });

  it('close() answers the queries it accepted, then refuses new ones', async () => {
    desk = await startDesk();
    const open = desk;
    const pending = open.submit({ customerId: 'CUST005', message: 'How do I reset my password?' });
    const closed = open.close();
    await expect(open.submit({ customerId: 'CUST005', message: 'Hi' })).rejects.toMatchObject({
      code: 'SHUTTING_DOWN',
    });
    expect((await pending).intent).toBe('password_reset');
    await closed;
    desk = undefined;
  });

  it('bounds the queries in progress: beyond maxQueriesInFlight it refuses with a retry hint', async () => {
    desk = await startDesk({ maxQueriesInFlight: 3 });
    const open = desk;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        open.submit({ customerId: 'CUST005', message: `How do I reset my password? (${i})` }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
    ]);
    const refused = outcomes[3] as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(MailboxFullError);
    expect(refused.reason).toMatchObject({ retryAfterMs: 1_000, details: { actorId: 'desk', capacity: 3 } });
    await expect(
      open.submit({ customerId: 'CUST005', message: 'How do I reset my password?' }),
    ).resolves.toMatchObject({ customerId: 'CUST005', queryId: expect.any(String) });
  });

  it('rejects invalid input as a caller mistake', async () => {
    desk = await startDesk();
    await expect(desk.submit({ customerId: '', message: 'x' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
