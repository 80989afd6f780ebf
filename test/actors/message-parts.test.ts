import { describe, expect, it } from 'vitest';
import { isFragment, needsOf } from '../../src/actors/message-parts.js';
import type { ClassifiedPart } from '../../src/actors/routing-plan.js';

const part = (text: string, intent: string, confidence: number): ClassifiedPart => ({
  text,
  intent,
  department: intent === 'invoice_request' || intent === 'vat_company_details' ? 'billing' : 'general',
  confidence,
  outOfScope: false,
});

describe('needs of a message', () => {
  it('reads a short, less than sure clause as context, not a need', () => {
    expect(isFragment(part('I moved', 'plan_change', 0.61), 0.45, 'en')).toBe(true);
    expect(isFragment(part('Ruším předplatné', 'cancel_subscription', 1), 0.45, 'cs')).toBe(false);
  });

  it('knows the Czech "to" (it) from the English "to"', () => {
    expect(isFragment(part('potrebuju to pro ucetni', 'data_export', 0.53), 0.45, 'cs')).toBe(true);
    expect(isFragment(part('add our accountant to the team', 'team_invite', 0.49), 0.45, 'en')).toBe(false);
  });

  it('joins a leading fragment to the next part and merges parts of one intent', () => {
    const needs = needsOf(
      [
        part('I moved', 'plan_change', 0.61),
        part('how do I change my address', 'profile_settings', 0.81),
        part('and my address again', 'profile_settings', 0.9),
      ],
      0.45,
      'en',
    );
    expect(needs).toEqual([
      expect.objectContaining({
        intent: 'profile_settings',
        text: 'I moved how do I change my address and my address again',
      }),
    ]);
  });

  it('joins a half-sure clause of the same department to the need before it, and no other', () => {
    const sync = { ...part('The sync between my laptop', 'sync_problem', 0.99), department: 'technical' };
    const halfSure = (intent: string, department: string, confidence: number): ClassifiedPart => ({
      ...part('phone stopped working yesterday', intent, confidence),
      department,
    });
    expect(needsOf([sync, halfSure('notifications_problem', 'technical', 0.48)], 0.45, 'en')).toEqual([
      expect.objectContaining({
        intent: 'sync_problem',
        text: 'The sync between my laptop phone stopped working yesterday',
      }),
    ]);
    expect(needsOf([sync, halfSure('notifications_problem', 'technical', 0.8)], 0.45, 'en')).toHaveLength(2);
    expect(needsOf([sync, halfSure('double_charge', 'billing', 0.48)], 0.45, 'en')).toHaveLength(2);
  });

  it('joins a half-sure clause of another department when the need before it is among its readings', () => {
    const invite = part('My colleague cannot accept the team invitation', 'team_invite', 1);
    const expired = (alternatives: string[]): ClassifiedPart => ({
      ...part('the link says expired', 'password_reset', 0.5),
      department: 'technical',
      alternatives: alternatives.map((intent, i) => ({
        intent,
        department: 'general',
        confidence: 0.5 - i / 10,
      })),
    });
    expect(
      needsOf([invite, expired(['password_reset', 'error_message', 'team_invite'])], 0.45, 'en'),
    ).toEqual([
      expect.objectContaining({
        intent: 'team_invite',
        text: 'My colleague cannot accept the team invitation the link says expired',
      }),
    ]);
    expect(needsOf([invite, expired(['password_reset', 'error_message'])], 0.45, 'en')).toHaveLength(2);
  });

  it('joins a half-sure first clause to the surer need after it in its department', () => {
    const paid = part('Zaplatil jsem kartou', 'payment_failed', 0.73);
    const invoice = part('nepřišla mi faktura', 'invoice_request', 1);
    const billing = (p: ClassifiedPart): ClassifiedPart => ({ ...p, department: 'billing' });
    expect(needsOf([billing(paid), invoice], 0.45, 'cs')).toEqual([
      expect.objectContaining({
        intent: 'invoice_request',
        text: 'Zaplatil jsem kartou nepřišla mi faktura',
      }),
    ]);
    // A sure first clause is a need of its own, and so is one of another department.
    expect(needsOf([billing({ ...paid, confidence: 0.9 }), invoice], 0.45, 'cs')).toHaveLength(2);
    expect(needsOf([{ ...paid, department: 'technical' }, invoice], 0.45, 'cs')).toHaveLength(2);
  });

  it('keeps a message of fragments only as it is', () => {
    const parts = [part('hmm', 'oos', 0.1), part('well', 'oos', 0.1)];
    expect(needsOf(parts, 0.45, 'en')).toEqual(parts);
  });
});
