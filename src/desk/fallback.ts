import { randomUUID } from 'node:crypto';
import type { QueryResult } from '../domain/query.js';
import type { Language } from '../domain/vocabulary.js';
import type { Clock } from '../runtime/index.js';
import { composeHandover, dueBy, type EscalationReason, type RouteRequested } from '../actors/index.js';
import type { HostStores } from './host-services.js';

export interface FallbackInput {
  stores: HostStores;
  clock: Clock;
  message: RouteRequested;
  reason: EscalationReason;
  language: Language;
}

const FALLBACK_AGENT = 'desk';

/**
 * The swarm could not answer (the router failed or ran out of time): the desk itself opens the
 * ticket and answers honestly, so an accepted query is never lost. Runs on the main thread.
 */
export async function escalationFallback(input: FallbackInput): Promise<QueryResult> {
  const { stores, clock, message, reason, language } = input;
  const now = clock.now();
  const createdAt = new Date(now).toISOString();
  const customer = (await stores.crm.get(message.customerId).catch(() => undefined)) ?? null;
  const priority = 'high';
  let ticket: { ticketId: string; priority: typeof priority; dueBy: string } | null = null;
  try {
    const opened = await stores.tickets.open({
      schemaVersion: 1,
      ticketId: `T-${randomUUID().slice(0, 8).toUpperCase()}`,
      queryId: message.queryId,
      conversationId: message.conversationId,
      customerId: message.customerId,
      priority,
      department: 'escalation',
      language,
      reasons: [reason],
      summary: message.text.slice(0, 500),
      status: 'open',
      assignee: null,
      notes: [],
      createdAt,
      updatedAt: createdAt,
      dueBy: dueBy(priority, now),
    });
    ticket = { ticketId: opened.ticketId, priority, dueBy: opened.dueBy };
  } catch {
    ticket = null;
  }
  const answer = composeHandover({ language, customer, reasons: [reason], ticket, noArticle: false });
  const { conversationId, queryId } = message;
  try {
    await stores.blackboard.open(conversationId, { customerId: message.customerId });
    await stores.blackboard.appendMany(conversationId, [
      { kind: 'message', by: 'customer', text: message.text, language, queryId },
      {
        kind: 'fact',
        by: FALLBACK_AGENT,
        key: 'escalation',
        value: { ticketId: ticket?.ticketId ?? null, dueBy: ticket?.dueBy ?? null, reasons: [reason] },
        queryId,
      },
      { kind: 'answer', by: FALLBACK_AGENT, text: answer.text, department: 'escalation', language, queryId },
    ]);
    await stores.blackboard.updateState(conversationId, (state) => ({
      ...state,
      department: 'escalation',
      assignedAgent: FALLBACK_AGENT,
      escalated: true,
      lastQueryId: queryId,
    }));
  } catch {
    // The trail is best effort here: the customer's answer and the ticket matter more.
  }
  return {
    queryId,
    conversationId,
    customerId: message.customerId,
    language,
    intent: 'unknown',
    department: 'escalation',
    departments: ['escalation'],
    confidence: 0,
    priority,
    escalated: true,
    ticketId: ticket?.ticketId ?? null,
    assignedAgent: FALLBACK_AGENT,
    handoffs: [],
    parts: [
      {
        text: message.text,
        intent: 'unknown',
        department: 'escalation',
        confidence: 0,
        agent: FALLBACK_AGENT,
        response: answer.text,
      },
    ],
    response: answer.text,
    suggestions: [],
    createdAt: message.at,
    timings: { totalMs: 0, routingMs: 0, answerMs: 0, queuedMs: 0, llmMs: 0 },
    usage: { llmCalls: 0, promptTokens: 0, completionTokens: 0 },
  };
}
