import { describe, expect, it } from 'vitest';
import { joinByDepartment } from '../../src/actors/department-parts.js';
import type { PlannedPart } from '../../src/actors/routing-plan.js';
import type { DeskProfile } from '../../src/domain/desk-profile.js';
import { demoProfile } from '../support/demo-desk.js';

function part(text: string, intent: string, department: string, confidence: number): PlannedPart {
  return {
    text,
    searchText: text,
    intent,
    department,
    confidence,
    outOfScope: false,
    target: department,
    retry: false,
  };
}

describe('joinByDepartment', () => {
  const desk = demoProfile();

  it('joins the parts one department owns into one, led by the surer intent, in message order', () => {
    const joined = joinByDepartment(
      [
        part('I was charged twice', 'duplicate_charge', 'billing', 0.6),
        part('the app crashes', 'app_crash', 'technical', 0.9),
        part('can I get a refund?', 'refund_request', 'billing', 0.8),
      ],
      desk,
    );
    expect(joined).toHaveLength(2);
    expect(joined[0]).toMatchObject({
      text: 'I was charged twice can I get a refund?',
      searchText: 'I was charged twice can I get a refund?',
      intent: 'refund_request',
      department: 'billing',
      confidence: 0.8,
    });
    expect(joined[1]).toMatchObject({ text: 'the app crashes', department: 'technical' });
  });

  it('keeps apart parts for different instances of one department, retries and actions', () => {
    const withAction: DeskProfile = {
      ...desk,
      intents: {
        ...desk.intents,
        where_is_my_order: {
          ...desk.intents['refund_request']!,
          action: { action: 'order_status', slots: {}, answer: { en: 'x' } },
        },
      },
    };
    const sticky = { ...part('and the invoice?', 'invoice_question', 'billing', 0.7), target: 'billing-2' };
    const retry = { ...part('still double', 'duplicate_charge', 'billing', 0.7), retry: true };
    const action = part('where is order 123456?', 'where_is_my_order', 'billing', 0.9);
    const plain = part('can I get a refund?', 'refund_request', 'billing', 0.8);
    expect(joinByDepartment([plain, sticky, retry, action], withAction)).toHaveLength(4);
  });
});
