import { describe, expect, it } from 'vitest';
import { viewConversation } from '../../src/actors/conversation-view.js';
import { scoreCues } from '../../src/actors/cues.js';
import { planRouting, type ClassifiedPart, type PlanInput } from '../../src/actors/routing-plan.js';
import type { BlackboardEntry, ConversationState } from '../../src/domain/conversation.js';
import { demoProfile } from '../support/demo-desk.js';

const desk = demoProfile();

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const fresh: ConversationState = { attempts: 0, triedAgents: [], escalated: false };
const withTechnical: ConversationState = {
  ...fresh,
  department: 'technical',
  intent: 'login_problem',
  assignedAgent: 'technical-1',
  lastQueryId: 'q1',
};
const entries: BlackboardEntry[] = [
  { seq: 1, at: '', by: 'customer', kind: 'message', text: 'The app freezes at login', queryId: 'q1' },
  {
    seq: 2,
    at: '',
    by: 'router-1',
    kind: 'fact',
    key: 'routing',
    value: { kind: 'new', priority: 'medium', problem: 'The app freezes at login' },
    queryId: 'q1',
  },
  {
    seq: 3,
    at: '',
    by: 'technical-1',
    kind: 'fact',
    key: 'article',
    value: 'login-troubleshooting',
    queryId: 'q1',
  },
  {
    seq: 4,
    at: '',
    by: 'technical-1',
    kind: 'answer',
    text: 'Try this',
    department: 'technical',
    language: 'en',
    queryId: 'q1',
  },
];
const part = (
  intent: string,
  department: ClassifiedPart['department'],
  confidence = 0.9,
  text = 'text',
): ClassifiedPart => ({
  text,
  intent,
  department,
  confidence,
  outOfScope: intent === 'oos',
});

function plan(text: string, classified: ClassifiedPart[], state = fresh, extra: Partial<PlanInput> = {}) {
  return planRouting({
    desk,
    text,
    classified,
    view: viewConversation(state, state === fresh ? [] : entries),
    cues: scoreCues(text),
    customer: null,
    instances: { technical: ['technical-1', 'technical-2'], billing: ['billing-1'] },
    now: NOW,
    unsureBelow: 0.45,
    language: 'en',
    ...extra,
  });
}

describe('routing plan', () => {
  it('sends a new confident message to its department’s pool', () => {
    const p = plan('I cannot log in', [part('login_problem', 'technical')]);
    expect(p.kind).toBe('new');
    expect(p.parts.map((x) => x.target)).toEqual(['technical']);
    expect(p.escalation).toEqual([]);
    expect(p.problem).toBe('I cannot log in');
  });

  it('fans a multi-intent message out to every department concerned', () => {
    const p = plan('crash and charged twice', [
      part('app_crash', 'technical'),
      part('double_charge', 'billing'),
    ]);
    expect(p.parts.map((x) => x.target)).toEqual(['technical', 'billing']);
  });

  it('asks about an unsure new message, naming the likeliest topics, and opens no ticket', () => {
    const unsure: ClassifiedPart = {
      ...part('invoice_request', 'billing', 0.3),
      alternatives: [
        { intent: 'invoice_request', department: 'billing', confidence: 0.3 },
        { intent: 'refund_request', department: 'billing', confidence: 0.2 },
        { intent: 'complaint_angry', department: 'escalation', confidence: 0.15 },
        { intent: 'login_problem', department: 'technical', confidence: 0.1 },
      ],
    };
    const p = plan('about the money thing', [unsure]);
    expect(p.kind).toBe('clarify');
    expect(p.escalation).toEqual([]);
    expect(p.suggestions.map((s) => s.intent)).toEqual([
      'invoice_request',
      'refund_request',
      'login_problem',
    ]);
  });

  it('judges an unsure part on its department when the model gives that probability', () => {
    const split: ClassifiedPart = { ...part('login_problem', 'technical', 0.2), departmentConfidence: 0.6 };
    expect(plan('my login thing', [split]).parts.map((x) => x.target)).toEqual(['technical']);
    const lost: ClassifiedPart = { ...part('login_problem', 'technical', 0.9), departmentConfidence: 0.1 };
    expect(plan('my login thing', [lost]).kind).not.toBe('new');
  });

  it('hands a second unsure turn in a row to a person', () => {
    const asked: BlackboardEntry = {
      seq: 1,
      at: '',
      by: 'router-1',
      kind: 'fact',
      key: 'routing',
      value: { kind: 'clarify', priority: 'medium', problem: 'about the money thing' },
    };
    const p = planRouting({
      desk,
      text: 'the thing',
      classified: [part('invoice_request', 'billing', 0.3)],
      view: viewConversation(fresh, [asked]),
      cues: scoreCues('the thing'),
      customer: null,
      instances: undefined,
      now: NOW,
      unsureBelow: 0.45,
      language: 'en',
    });
    expect(p.escalation).toEqual(['low_confidence']);
    expect(p.priority).toBe('medium');
  });

  it('answers a question about nothing the desk does without a ticket', () => {
    const p = plan('What is the weather in Prague?', [part('oos', 'escalation', 0.05)]);
    expect(p.kind).toBe('out_of_scope');
    expect(p.escalation).toEqual([]);
  });

  it('gives a reply of its own low priority whatever the plan, unless the words are pressing', () => {
    const premium = {
      customer: {
        schemaVersion: 1 as const,
        customerId: 'c-premium',
        name: 'Eva',
        email: 'eva@example.com',
        phone: '',
        subscriptionType: 'Premium' as const,
        lastContact: null,
        issuesHistory: [],
      },
    };
    const weather = plan('What is the weather in Prague?', [part('oos', 'escalation', 0.05)], fresh, premium);
    expect(weather).toMatchObject({ kind: 'out_of_scope', priority: 'low' });
    const hello = plan('Hello', [part('oos', 'escalation', 0.1)], fresh, {
      ...premium,
      smallTalk: { kinds: ['greeting'], language: 'en' },
    });
    expect(hello).toMatchObject({ kind: 'small_talk', priority: 'low' });
    const pressing = plan('URGENT, nothing works, asap', [part('oos', 'escalation', 0.05)], fresh, premium);
    expect(pressing.kind).toBe('out_of_scope');
    expect(pressing.priority).toBe('high');
    // A need handed to a specialist still takes the plan's step.
    expect(plan('I cannot log in', [part('login_problem', 'technical')], fresh, premium).priority).toBe(
      'high',
    );
  });

  it('opens a ticket for an unsure message that asks for a person', () => {
    const p = plan('I need to speak to someone', [part('oos', 'escalation', 0.05)]);
    expect(p.escalation).toEqual(['human_requested']);
  });

  it('joins a fragment to the part it qualifies and answers one need once', () => {
    const p = plan(
      'kde najdu fakturu za listopad? potrebuju ji pro ucetni',
      [
        part('invoice_request', 'billing', 1, 'kde najdu fakturu za listopad'),
        part('data_export', 'technical', 0.53, 'potrebuju ji pro ucetni'),
      ],
      fresh,
      { language: 'cs' },
    );
    expect(p.parts).toHaveLength(1);
    expect(p.parts[0]).toMatchObject({
      intent: 'invoice_request',
      searchText: 'kde najdu fakturu za listopad potrebuju ji pro ucetni',
    });
    const same = plan(
      'jak zrusim predplatne, uz to nechci platit',
      [
        part('cancel_subscription', 'billing', 1, 'jak zrusim predplatne'),
        part('cancel_subscription', 'billing', 1, 'uz to nechci platit'),
      ],
      fresh,
      { language: 'cs' },
    );
    expect(same.parts).toHaveLength(1);
  });

  it('answers a GDPR erasure request and opens a ticket in the privacy queue; a question does not', () => {
    const personRequired = desk.texts?.personRequired ?? {};
    const erase = plan(
      'Please erase all my personal data',
      [part('data_protection', 'general', 0.9)],
      fresh,
      {
        personRequired,
      },
    );
    expect(erase.parts.map((x) => x.intent)).toEqual(['data_protection']);
    expect(erase.escalation).toEqual(['person_required']);
    expect(erase.queue).toBe('general');
    const question = plan('Where is my data stored?', [part('data_protection', 'general', 0.9)], fresh, {
      personRequired,
    });
    expect(question.escalation).toEqual([]);
  });

  it('marks the conversation resolved on thanks after an answer, with no parts and no ticket', () => {
    const p = plan('Děkuji, už to funguje', [part('oos', 'escalation', 0.1)], withTechnical, {
      smallTalk: { kinds: ['resolved', 'thanks'], language: 'cs' },
    });
    expect(p).toMatchObject({ kind: 'small_talk', parts: [], escalation: [], resolves: true });
  });

  it('keeps a follow-up in the same department with the specialist that answered', () => {
    const p = plan('And how do I export my data?', [part('data_export', 'technical')], withTechnical);
    expect(p.kind).toBe('sticky');
    expect(p.parts[0]?.target).toBe('technical-1');
  });

  it('keeps an unsure follow-up on the conversation’s topic, with the problem as context', () => {
    const p = plan('ok and then?', [part('oos', 'escalation', 0.2, 'ok and then?')], withTechnical);
    expect(p.kind).toBe('sticky');
    expect(p.parts[0]).toMatchObject({ target: 'technical-1', intent: 'login_problem' });
    expect(p.parts[0]?.searchText).toBe('The app freezes at login\nok and then?');
    expect(p.escalation).toEqual([]);
  });

  it('routes anew when the intent changes department', () => {
    const p = plan('I was charged twice', [part('double_charge', 'billing')], withTechnical);
    expect(p.kind).toBe('new');
    expect(p.parts[0]?.target).toBe('billing');
  });

  it('moves "that didn’t help" to another instance, then to escalation', () => {
    const first = plan("That didn't help", [part('oos', 'escalation', 0.1)], withTechnical);
    expect(first.kind).toBe('retry');
    expect(first.parts[0]).toMatchObject({ target: 'technical-2', retry: true, intent: 'login_problem' });
    expect(first.attempts).toBe(1);
    expect(first.triedAgents).toEqual(['technical-1']);

    const again: ConversationState = {
      ...withTechnical,
      assignedAgent: 'technical-2',
      attempts: 1,
      triedAgents: ['technical-1'],
    };
    const second = plan('Still not working', [part('oos', 'escalation', 0.1)], again);
    expect(second.parts).toEqual([]);
    expect(second.escalation).toContain('unresolved');
  });

  it('treats the same problem back "again" like "that didn’t help"', () => {
    const p = plan('The app freezes at login again', [part('login_problem', 'technical')], withTechnical);
    expect(p.kind).toBe('retry');
    expect(p.parts[0]?.target).toBe('technical-2');
  });

  it('keeps a second question on the same topic with the specialist, not as a retry', () => {
    const p = plan('Does it also freeze on mobile?', [part('login_problem', 'technical')], withTechnical);
    expect(p.kind).toBe('sticky');
    expect(p.parts[0]).toMatchObject({ target: 'technical-1', retry: false });
  });

  it('counts the same problem back after the conversation was resolved as a repeat contact', () => {
    const resolved: ConversationState = { ...withTechnical, resolved: true };
    const p = plan('I cannot log in', [part('login_problem', 'technical')], resolved);
    expect(p.kind).toBe('retry');
    expect(p.escalation).toContain('repeat_contact');
  });

  it('treats feedback resolved:false after the last answer like "that didn’t help"', () => {
    const feedback: BlackboardEntry = {
      seq: 5,
      at: '',
      by: 'customer',
      kind: 'fact',
      key: 'feedback',
      value: { resolved: false },
    };
    const p = planRouting({
      desk,
      text: 'ok and then?',
      classified: [part('oos', 'escalation', 0.2)],
      view: viewConversation(withTechnical, [...entries, feedback]),
      cues: scoreCues('ok and then?'),
      customer: null,
      instances: { technical: ['technical-1', 'technical-2'] },
      now: NOW,
      unsureBelow: 0.45,
      language: 'en',
    });
    expect(p.kind).toBe('retry');
  });

  it('escalates with no other instance to move to', () => {
    const p = plan("That didn't help", [part('oos', 'escalation', 0.1)], withTechnical, {
      instances: { technical: ['technical-1'] },
    });
    expect(p.escalation).toContain('unresolved');
  });

  it('answers the specialist part and still escalates an angry message', () => {
    const p = plan('This is unacceptable, I am furious, the app crashes!!', [part('app_crash', 'technical')]);
    expect(p.parts.map((x) => x.target)).toEqual(['technical']);
    expect(p.escalation).toContain('anger');
  });
});
