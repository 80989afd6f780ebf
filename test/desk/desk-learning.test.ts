import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk, DeskObserver } from '../../src/desk/index.js';
import { startDesk } from './support/desk-harness.js';

let desk: Desk;
const learned: Array<{ applied: boolean; intent: string }> = [];

beforeAll(async () => {
  const observer: DeskObserver = { learning: (outcome) => learned.push(outcome) };
  desk = await startDesk({}, { observer });
});

afterAll(async () => {
  await desk?.close();
});

describe('desk: learning from feedback', () => {
  it('learns a corrected intent and routes the same message right next time, on every worker', async () => {
    const message = 'Put me on the lighter option please';
    const before = await desk.submit({ customerId: 'CUST005', message });
    // Whatever the shipped model makes of it today, the correction names another (billing) intent.
    const corrected = before.intent === 'plan_change' ? 'pricing_question' : 'plan_change';

    const outcome = await desk.feedback(before.queryId, { correctIntent: corrected, rating: 1 });
    expect(outcome).toEqual({ queryId: before.queryId, recorded: true, learning: 'applied' });
    expect(learned).toEqual([{ applied: true, intent: corrected }]);

    const after = await desk.submit({ customerId: 'CUST002', message });
    expect(after).toMatchObject({ intent: corrected, department: 'billing', escalated: false });
  });
});
