import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../src/desk/index.js';
import type { QueryResult } from '../../src/domain/query.js';
import { sampleCustomer } from '../crm/conformance.js';
import { eventLog, startDesk } from './support/desk-harness.js';

let desk: Desk;
const completed: QueryResult[] = [];

const customersDir = mkdtempSync(join(tmpdir(), 'swarmdesk-customers-'));
const imported = sampleCustomer('ACME-7', { name: 'Eva Malá', subscriptionType: 'Business' });

beforeAll(async () => {
  const customersFile = join(customersDir, 'customers.json');
  writeFileSync(customersFile, JSON.stringify([imported]));
  desk = await startDesk(
    { customersFile },
    { observer: { queryCompleted: (result) => completed.push(result) } },
  );
});

afterAll(async () => {
  await desk?.close();
  rmSync(customersDir, { recursive: true, force: true });
});

const conversation = () => randomUUID();

async function escalationFact(
  result: QueryResult,
): Promise<{ ticketId: string | null; reasons: string[] } | undefined> {
  const trail = await desk.getConversation(result.conversationId);
  const fact = trail?.entries.find(
    (e) => e.kind === 'fact' && e.key === 'escalation' && e.queryId === result.queryId,
  );
  return fact?.kind === 'fact' ? (fact.value as { ticketId: string | null; reasons: string[] }) : undefined;
}

describe('desk: customers file', () => {
  it('seeds the imported customers beside the demo ones, and agents greet them by name', async () => {
    expect(await desk.getCustomer('CUST001')).toMatchObject({ name: 'Jan Novák' });
    expect(await desk.getCustomer('ACME-7')).toMatchObject({
      name: 'Eva Malá',
      subscriptionType: 'Business',
    });
    const result = await desk.submit({ customerId: 'ACME-7', message: 'Jak si mohu změnit heslo?' });
    expect(result.response).toContain('Dobrý den, paní Malá,');
  });
});

describe('desk: Czech acceptance messages', () => {
  it('routes a login freeze to technical and answers in Czech', async () => {
    const result = await desk.submit({
      customerId: 'CUST005',
      message: 'Aplikace se mi stále zasekává při přihlášení',
    });
    expect(result).toMatchObject({ language: 'cs', department: 'technical', escalated: false });
    expect(result.assignedAgent).toMatch(/^technical-\d$/);
    expect(result.response).toContain('Dobrý den, paní Černá,');
    expect(result.response).toMatch(/přihlá/i);
  });

  it('routes an invoice question to billing and answers in Czech', async () => {
    const result = await desk.submit({
      customerId: 'CUST005',
      message: 'Kdy mi přijde faktura za tento měsíc?',
    });
    expect(result).toMatchObject({
      language: 'cs',
      department: 'billing',
      intent: 'invoice_request',
      escalated: false,
    });
    expect(result.response).toMatch(/faktur/i);
  });

  it('routes a profile settings question to general and answers in Czech', async () => {
    const result = await desk.submit({
      customerId: 'CUST005',
      message: 'Jak mohu změnit své nastavení profilu?',
    });
    expect(result).toMatchObject({ language: 'cs', department: 'general', escalated: false });
    expect(result.response).toMatch(/profil/i);
  });
});

describe('desk: collaboration', () => {
  it('answers a multi-intent message once, covering every department concerned', async () => {
    const result = await desk.submit({
      customerId: 'CUST007',
      message: 'The app crashes when I open my invoice, and I was charged twice',
    });
    expect(result.departments).toEqual(expect.arrayContaining(['technical', 'billing']));
    expect(result.parts.length).toBeGreaterThanOrEqual(2);
    expect(result.response).toContain('Technical support:');
    expect(result.response).toContain('Billing:');
    expect(result.response.match(/Hello/g)).toHaveLength(1);
  });

  it('records the trail on the blackboard and the contact in the CRM', async () => {
    const before = await desk.getCustomer('CUST002');
    const result = await desk.submit({ customerId: 'CUST002', message: 'How do I reset my password?' });
    const trail = await desk.getConversation(result.conversationId);
    expect(trail?.entries.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['message', 'intent', 'fact', 'answer']),
    );
    expect(trail?.state.assignedAgent).toBe(result.assignedAgent);
    expect(trail?.entries.find((e) => e.kind === 'fact' && e.key === 'customer')).toMatchObject({
      value: { customerId: 'CUST002', name: 'Marie Svobodová', subscriptionType: 'Basic' },
    });
    const after = await desk.getCustomer('CUST002');
    expect(after?.issuesHistory.length).toBe((before?.issuesHistory.length ?? 0) + 1);
    expect(after?.issuesHistory.at(-1)).toMatchObject({ queryId: result.queryId, intent: result.intent });
    expect(after?.lastContact).toBe(result.createdAt);
    expect(await desk.getQuery(result.queryId)).toEqual(result);
  });

  it('serves an unknown customer without a profile', async () => {
    const result = await desk.submit({ customerId: 'walk-in-42', message: 'How do I reset my password?' });
    expect(result.escalated).toBe(false);
    expect(result.response.startsWith('Hello,\n')).toBe(true);
    expect(await desk.getCustomer('walk-in-42')).toBeUndefined();
  });

  it('streams routed, token and done events, the tokens adding up to the response', async () => {
    const { events, onEvent } = eventLog();
    const result = await desk.submit(
      { customerId: 'CUST005', message: 'How do I change my profile picture?' },
      { onEvent },
    );
    expect(events[0]).toMatchObject({
      type: 'routed',
      queryId: result.queryId,
      department: result.department,
    });
    const tokens = events.flatMap((e) => (e.type === 'token' ? [e.delta] : []));
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.join('')).toBe(result.response);
    expect(events.at(-1)).toEqual({ type: 'done', queryId: result.queryId, result });
  });
});

describe('desk: operations', () => {
  it('is ready with its pools and stores up, and tells the observer about every answered query', async () => {
    expect(await desk.readiness()).toEqual({
      ready: true,
      checks: { pool: true, blackboard: true, crm: true, tickets: true },
    });
    const result = await desk.submit({ customerId: 'CUST005', message: 'What are your opening hours?' });
    expect(completed.at(-1)).toEqual(result);
    expect(result.timings.totalMs).toBeGreaterThan(0);
    expect(desk.agents.status().map((s) => s.type)).toEqual(
      expect.arrayContaining(['router', 'technical', 'billing', 'general', 'escalation']),
    );
  });
});

describe('desk: escalation', () => {
  it('opens a ticket for an explicit request for a human and says when one will answer', async () => {
    const result = await desk.submit({
      customerId: 'CUST002',
      message: 'I want to talk to a real person, not a bot.',
    });
    expect(result.escalated).toBe(true);
    expect(result.departments).toContain('escalation');
    expect(result.ticketId).toMatch(/^T-/);
    expect(result.response).toContain(result.ticketId ?? '');
    expect(result.response).toMatch(/get back to you by/);
    const tickets = await desk.listTickets();
    expect(tickets.find((t) => t.ticketId === result.ticketId)).toMatchObject({
      queryId: result.queryId,
      status: 'open',
    });
  });

  it('escalates a legal threat with a high priority', async () => {
    const result = await desk.submit({
      customerId: 'CUST005',
      message: 'Pokud mi nevrátíte peníze, podám na vás žalobu u soudu.',
    });
    expect(result.escalated).toBe(true);
    expect(['high', 'urgent']).toContain(result.priority);
    expect((await escalationFact(result))?.reasons).toContain('legal_threat');
    expect(result.response).toContain('Dobrý den');
  });

  it('escalates a repeated contact about the same problem from the CRM history', async () => {
    const result = await desk.submit({ customerId: 'CUST003', message: 'I cannot log in to the app.' });
    expect(result.escalated).toBe(true);
    expect((await escalationFact(result))?.reasons).toContain('repeat_contact');
  });

  it('lets a person take and close a ticket, and lists the queue by status and assignee', async () => {
    const { ticketId } = await desk.submit({ customerId: 'CUST001', message: 'Give me a human agent now.' });
    if (!ticketId) throw new Error('expected the request for a human to open a ticket');
    expect(await desk.getTicket(ticketId)).toMatchObject({ ticketId, status: 'open' });
    expect(await desk.updateTicket(ticketId, { status: 'assigned', assignee: 'eva' })).toMatchObject({
      ticketId,
      status: 'assigned',
      assignee: 'eva',
    });
    expect((await desk.listTickets({ assignee: 'eva' })).map((t) => t.ticketId)).toEqual([ticketId]);
    const assigned = await desk.listTickets({ status: 'assigned' });
    expect(assigned.map((t) => t.ticketId)).toEqual([ticketId]);
    expect((await desk.listTickets({ status: 'open' })).map((t) => t.ticketId)).not.toContain(ticketId);
    expect(await desk.updateTicket(ticketId, { status: 'closed' })).toMatchObject({ status: 'closed' });
    expect(await desk.listTickets({ status: 'assigned' })).toEqual([]);
    expect(await desk.listTickets({ limit: 1 })).toHaveLength(1);
    expect(await desk.getTicket('T-NONE')).toBeUndefined();
    expect(await desk.updateTicket('T-NONE', { status: 'closed' })).toBeUndefined();
  });

  it('lists tickets most urgent first', async () => {
    const tickets = await desk.listTickets();
    const order = ['urgent', 'high', 'medium', 'low'];
    const ranks = tickets.map((t) => order.indexOf(t.priority));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe('desk: conversations', () => {
  it('keeps follow-ups with the same specialist, and moves "that didn’t help" on, then to a human', async () => {
    const conversationId = conversation();
    const ask = (message: string) => desk.submit({ customerId: 'CUST002', conversationId, message });
    const first = await ask('The app freezes when I try to log in.');
    expect(first.department).toBe('technical');

    const followUp = await ask('How can I export my data to CSV?');
    expect(followUp.department).toBe('technical');
    expect(followUp.assignedAgent).toBe(first.assignedAgent);

    const notHelped = await ask("That didn't help.");
    expect(notHelped.department).toBe('technical');
    expect(notHelped.assignedAgent).not.toBe(followUp.assignedAgent);
    expect(notHelped.response).toMatch(/previous advice did not help/);

    const still = await ask('Still not working.');
    expect(still.escalated).toBe(true);
    expect((await escalationFact(still))?.reasons).toContain('unresolved');
  });

  it('refuses another customer’s conversation id', async () => {
    const mine = await desk.submit({ customerId: 'CUST005', message: 'How do I reset my password?' });
    await expect(
      desk.submit({
        customerId: 'CUST002',
        conversationId: mine.conversationId,
        message: 'What did they ask?',
      }),
    ).rejects.toMatchObject({ code: 'CONVERSATION_FORBIDDEN' });
    const trail = await desk.getConversation(mine.conversationId);
    expect(trail?.entries.filter((e) => e.kind === 'message')).toHaveLength(1);
  });

  it('routes a follow-up anew when the intent changes department', async () => {
    const conversationId = conversation();
    const first = await desk.submit({
      customerId: 'CUST002',
      conversationId,
      message: 'The app crashes on start.',
    });
    const second = await desk.submit({
      customerId: 'CUST002',
      conversationId,
      message: 'I was charged twice this month.',
    });
    expect(first.department).toBe('technical');
    expect(second.department).toBe('billing');
  });

  it('enqueue: answers double texts in order, each with its own answer', async () => {
    const conversationId = conversation();
    const [a, b] = await Promise.all([
      desk.submit({ customerId: 'CUST005', conversationId, message: 'How do I reset my password?' }),
      desk.submit({ customerId: 'CUST005', conversationId, message: 'When will my invoice arrive?' }),
    ]);
    expect(a.queryId).not.toBe(b.queryId);
    expect(a.intent).toBe('password_reset');
    expect(b.department).toBe('billing');
    const trail = await desk.getConversation(conversationId);
    const asked = trail?.entries.filter((e) => e.kind === 'message').map((e) => e.queryId);
    expect(asked).toEqual([a.queryId, b.queryId]);
  });
});

describe('desk: learning', () => {
  it('refuses a correction to an intent that does not exist', async () => {
    const result = await desk.submit({ customerId: 'CUST005', message: 'How do I reset my password?' });
    await expect(desk.feedback(result.queryId, { correctIntent: 'no_such_intent' })).rejects.toMatchObject({
      code: 'UNKNOWN_INTENT',
    });
  });

  it('accepts an empty feedback and records nothing', async () => {
    const result = await desk.submit({ customerId: 'CUST005', message: 'How do I reset my password?' });
    const before = await desk.getConversation(result.conversationId);
    expect(await desk.feedback(result.queryId, {})).toEqual({
      queryId: result.queryId,
      recorded: false,
      learning: 'none',
    });
    expect((await desk.getConversation(result.conversationId))?.entries).toEqual(before?.entries);
  });

  it('records a rating and "not resolved" as feedback on the blackboard', async () => {
    const result = await desk.submit({ customerId: 'CUST005', message: 'How do I reset my password?' });
    const outcome = await desk.feedback(result.queryId, { rating: 2, resolved: false });
    expect(outcome).toEqual({ queryId: result.queryId, recorded: true, learning: 'none' });
    const trail = await desk.getConversation(result.conversationId);
    expect(trail?.entries.at(-1)).toMatchObject({
      kind: 'fact',
      key: 'feedback',
      value: { rating: 2, resolved: false },
    });
  });

  it('counts resolved:false as "that didn’t help" for the next follow-up', async () => {
    const conversationId = conversation();
    const first = await desk.submit({
      customerId: 'CUST005',
      conversationId,
      message: 'The app keeps crashing.',
    });
    await desk.feedback(first.queryId, { resolved: false });
    const next = await desk.submit({ customerId: 'CUST005', conversationId, message: 'Any other idea?' });
    expect(next.assignedAgent).not.toBe(first.assignedAgent);
    expect(next.department).toBe(first.department);
  });

  it('rejects an unknown query id', async () => {
    await expect(desk.feedback('nope', { rating: 5 })).rejects.toMatchObject({ code: 'QUERY_NOT_FOUND' });
  });
});
