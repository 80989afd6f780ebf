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

  it('sends an unsure new message to a human', () => {
    const p = plan('blah', [part('oos', 'escalation', 0.2)]);
    expect(p.parts).toEqual([]);
    expect(p.escalation).toEqual(['low_confidence']);
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

  it('treats a repeat of the same problem like "that didn’t help"', () => {
    const p = plan('The app freezes at login again', [part('login_problem', 'technical')], withTechnical);
    expect(p.kind).toBe('retry');
    expect(p.parts[0]?.target).toBe('technical-2');
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
