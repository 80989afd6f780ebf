import { describe, expect, it } from 'vitest';
import { scoreCues } from '../../src/actors/cues.js';
import { RESPONSE_TARGET_MS, dueBy, escalationReasons } from '../../src/actors/escalation-policy.js';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const reasons = (
  text: string,
  intent = 'login_problem',
  history: { at: string; summary: string; intent?: string; resolved?: boolean }[] = [],
) =>
  escalationReasons({
    intent,
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

  it('does not read "issue" as a threat to sue', () => {
    expect(reasons('I have an issue with the app')).toEqual([]);
  });

  it('escalates the same problem back after an unhelpful answer within the window, not an old one', () => {
    const unresolved = [
      { at: '2026-11-19T10:00:00.000Z', summary: 'login', intent: 'login_problem' },
      { at: '2026-11-23T10:00:00.000Z', summary: 'login', intent: 'login_problem', resolved: false },
    ];
    expect(reasons('I cannot log in', 'login_problem', unresolved)).toEqual(['repeat_contact']);
    expect(reasons('Where is my invoice?', 'invoice_request', unresolved)).toEqual([]);
    const old = unresolved.map((issue) => ({ ...issue, at: '2026-08-01T10:00:00.000Z' }));
    expect(reasons('I cannot log in', 'login_problem', old)).toEqual([]);
  });

  it('does not count two questions on one topic as a repeat contact', () => {
    const asked = [
      { at: '2026-11-25T11:50:00.000Z', summary: 'password', intent: 'password_reset' },
      { at: '2026-11-25T11:55:00.000Z', summary: 'password', intent: 'password_reset' },
    ];
    expect(reasons('How do I reset my password?', 'password_reset', asked)).toEqual([]);
    expect(reasons("The reset link didn't help", 'password_reset', asked)).toEqual(['repeat_contact']);
  });

  it('sets the due time from the priority', () => {
    expect(Date.parse(dueBy('urgent', NOW)) - NOW).toBe(RESPONSE_TARGET_MS.urgent);
    expect(RESPONSE_TARGET_MS.urgent).toBeLessThan(RESPONSE_TARGET_MS.high);
    expect(RESPONSE_TARGET_MS.medium).toBeLessThan(RESPONSE_TARGET_MS.low);
  });
});
