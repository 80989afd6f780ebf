import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RouteOutcome, RouteRequested } from '../../src/actors/index.js';
import { ConversationBusyError } from '../../src/desk/errors.js';
import { createQueryPipeline, type QueryPipelineDeps } from '../../src/desk/query-pipeline.js';
import type { StreamEvent } from '../../src/domain/query.js';
import { MailboxFullError, SwarmError, createManualClock } from '../../src/runtime/index.js';
import { createStores, type Stores } from '../../src/stores/index.js';
import { sampleResult } from '../blackboard/conformance.js';

let stores: Stores;
beforeEach(async () => {
  stores = await createStores({});
  await stores.crm.seed([
    {
      schemaVersion: 1,
      customerId: 'CUST001',
      name: 'Jan Novák',
      email: 'jan@example.cz',
      phone: '',
      subscriptionType: 'Premium',
      lastContact: null,
      issuesHistory: [],
    },
  ]);
});
afterEach(() => stores.close());

/** The pipeline over memory stores and a router that answers as told: no actor system, no threads. */
function pipeline(router: (message: RouteRequested) => Promise<RouteOutcome>) {
  const events: StreamEvent[] = [];
  const asked: RouteRequested[] = [];
  const deps: QueryPipelineDeps = {
    actors: {
      ask: async <R>(_target: string, message: unknown) => {
        asked.push(message as RouteRequested);
        return (await router(message as RouteRequested)) as R;
      },
      on: () => () => {},
    },
    stores,
    clock: createManualClock(Date.parse('2026-12-01T10:00:00.000Z')),
    observer: {},
    language: () => 'cs',
    publish: (_queryId, event) => events.push(event),
    listen: () => () => {},
    queryTimeoutMs: 5_000,
  };
  return { answer: createQueryPipeline(deps), events, asked };
}

const answered = (message: RouteRequested): Promise<RouteOutcome> =>
  Promise.resolve({
    result: { ...sampleResult(message.queryId), conversationId: message.conversationId },
    trail: {
      entries: [{ kind: 'message', by: 'customer', text: message.text, queryId: message.queryId }],
      state: { attempts: 0, triedAgents: [], escalated: false, department: 'billing' },
    },
    problemBack: false,
  });

describe('the query pipeline, alone', () => {
  it('sends the router the conversation and the customer, then keeps the trail, the result and the contact', async () => {
    const { answer, events, asked } = pipeline(answered);
    const result = await answer({ customerId: 'CUST001', message: 'Faktura?' }, 'conv-1', 'Faktura?', []);
    expect(asked[0]).toMatchObject({ conversationId: 'conv-1', text: 'Faktura?', stream: false });
    expect(asked[0]?.context.customer?.name).toBe('Jan Novák');
    expect(await stores.blackboard.getResult(result.queryId)).toEqual(result);
    const conversation = await stores.blackboard.get('conv-1');
    expect(conversation?.entries.map((entry) => entry.kind)).toEqual(['message']);
    expect(conversation?.state.department).toBe('billing');
    expect((await stores.crm.get('CUST001'))?.issuesHistory.at(-1)).toMatchObject({
      queryId: result.queryId,
    });
    expect(events).toContainEqual({ type: 'done', queryId: result.queryId, result });
  });

  it('keeps no trail and no result for a holder fenced out, whether its check or the store notices', async () => {
    const { answer } = pipeline(answered);
    const query = { customerId: 'CUST001', message: 'Faktura?' };
    await answer(query, 'conv-f', 'Faktura?', [], { value: 7, check: async () => {} });
    // The check sees a newer lease granted.
    const overtaken = {
      value: 8,
      check: () => Promise.reject(new ConversationBusyError('conv-f', 'fenced')),
    };
    await expect(answer(query, 'conv-f', 'overtaken', [], overtaken)).rejects.toMatchObject({
      code: 'CONVERSATION_BUSY',
    });
    // The check passed, but a newer holder (fence 7) has already written: the store refuses.
    await expect(
      answer(query, 'conv-f', 'raced', [], { value: 6, check: async () => {} }),
    ).rejects.toMatchObject({ code: 'CONVERSATION_BUSY', details: { fenced: true } });
    const trail = await stores.blackboard.get('conv-f');
    expect(trail?.entries.flatMap((e) => (e.kind === 'message' ? [e.text] : []))).toEqual(['Faktura?']);
    expect((await stores.crm.get('CUST001'))?.issuesHistory).toHaveLength(1);
  });

  it('answers through the fallback escalation, with a ticket, when the router fails', async () => {
    const { answer } = pipeline(() => Promise.reject(new SwarmError('ASK_TIMEOUT', 'late')));
    const result = await answer({ customerId: 'CUST001', message: 'Pomoc' }, 'conv-2', 'Pomoc', []);
    expect(result).toMatchObject({ escalated: true, department: 'escalation', assignedAgent: 'desk' });
    expect(result.ticketId).toMatch(/^T-/);
    expect(result.response).toContain('Dobrý den');
    expect(await stores.tickets.get(result.ticketId ?? '')).toBeDefined();
  });

  it('records a contact that brought a problem back unresolved as such in the CRM', async () => {
    const { answer } = pipeline(async (message) => ({ ...(await answered(message)), problemBack: true }));
    await answer({ customerId: 'CUST001', message: 'Pořád nic' }, 'conv-5', 'Pořád nic', []);
    expect((await stores.crm.get('CUST001'))?.issuesHistory.at(-1)).toMatchObject({ resolved: false });
  });

  it('streams the fallback answer, so the tokens add up to the response', async () => {
    const { answer, events } = pipeline(() => Promise.reject(new SwarmError('ASK_TIMEOUT', 'late')));
    const result = await answer({ customerId: 'CUST001', message: 'Pomoc' }, 'conv-6', 'Pomoc', [() => {}]);
    const tokens = events.flatMap((event) => (event.type === 'token' ? [event.delta] : []));
    expect(tokens.join('')).toBe(result.response);
  });

  it('passes a refusal on to the caller instead of answering it', async () => {
    const { answer, events } = pipeline(() => Promise.reject(new MailboxFullError('router', 1, 100)));
    await expect(answer({ customerId: 'CUST001', message: 'x' }, 'conv-3', 'x', [])).rejects.toMatchObject({
      code: 'MAILBOX_FULL',
    });
    expect(events.map((event) => event.type)).toEqual(['error']);
  });

  it("refuses another customer's conversation before the router sees it", async () => {
    const { answer, asked } = pipeline(answered);
    await answer({ customerId: 'CUST001', message: 'a' }, 'conv-4', 'a', []);
    await expect(answer({ customerId: 'CUST999', message: 'b' }, 'conv-4', 'b', [])).rejects.toMatchObject({
      code: 'CONVERSATION_FORBIDDEN',
    });
    expect(asked).toHaveLength(1);
  });
});
