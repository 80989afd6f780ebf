import { describe, expect, it } from 'vitest';
import { scoreCues } from '../../src/actors/cues.js';
import { RESPONSE_TARGET_MS, dueBy, escalationReasons } from '../../src/actors/escalation-policy.js';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const reasons = (
  text: string,
  intent = 'login_problem',
  confidence = 0.9,
  history: { at: string; summary: string; intent?: string }[] = [],
) =>
  escalationReasons({
    intent,
    confidence,
    outOfScope: intent === 'oos',
    cues: scoreCues(text),
    history,
    now: NOW,
  });

describe('escalation policy', () => {
  it('lets an ordinary confident question through', () => {
    expect(reasons('I cannot log in')).toEqual([]);
  });

  it('escalates explicit requests for a human, anger and legal threats', () => {
    expect(reasons('Spojte mě prosím s člověkem', 'human_agent_request')).toContain('human_requested');
    expect(reasons('Chci mluvit s nějakým člověkem')).toContain('human_requested');
    expect(reasons('This is unacceptable, I am furious!!')).toContain('anger');
    expect(reasons('My lawyer will sue you')).toContain('legal_threat');
    expect(reasons('Podám na vás žalobu u soudu')).toContain('legal_threat');
  });

  it('escalates low confidence and out-of-scope messages', () => {
    expect(reasons('hmm', 'login_problem', 0.1)).toEqual(['low_confidence']);
    expect(reasons('what is the weather', 'oos', 0.6)).toEqual(['low_confidence']);
  });

  it('judges low confidence on the department when the model gives its probability', () => {
    const base = {
      intent: 'login_problem',
      outOfScope: false,
      cues: scoreCues('hmm'),
      history: [],
      now: NOW,
    };
    expect(escalationReasons({ ...base, confidence: 0.2, departmentConfidence: 0.6 })).toEqual([]);
    expect(escalationReasons({ ...base, confidence: 0.9, departmentConfidence: 0.1 })).toEqual([
      'low_confidence',
    ]);
  });

  it('escalates a repeat contact about the same problem within the window, not an old one', () => {
    const recent = [
      { at: '2026-11-19T10:00:00.000Z', summary: 'login', intent: 'login_problem' },
      { at: '2026-11-23T10:00:00.000Z', summary: 'login', intent: 'login_problem' },
    ];
    expect(reasons('I cannot log in', 'login_problem', 0.9, recent)).toEqual(['repeat_contact']);
    expect(reasons('Where is my invoice?', 'invoice_request', 0.9, recent)).toEqual([]);
    const old = recent.map((issue) => ({ ...issue, at: '2026-08-01T10:00:00.000Z' }));
    expect(reasons('I cannot log in', 'login_problem', 0.9, old)).toEqual([]);
  });

  it('sets the due time from the priority', () => {
    expect(Date.parse(dueBy('urgent', NOW)) - NOW).toBe(RESPONSE_TARGET_MS.urgent);
    expect(RESPONSE_TARGET_MS.urgent).toBeLessThan(RESPONSE_TARGET_MS.high);
    expect(RESPONSE_TARGET_MS.medium).toBeLessThan(RESPONSE_TARGET_MS.low);
  });
});
