import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../src/desk/index.js';
import { eventLog, startDesk } from './support/desk-harness.js';

let desk: Desk;

beforeAll(async () => {
  desk = await startDesk();
});

afterAll(async () => {
  await desk?.close();
});

const CRASH_ON_INVOICE = 'The app crashes when I open my invoice';

describe('desk: a query pinned to a department', () => {
  it('is answered by that department where the router would choose another', async () => {
    const routed = await desk.submit({ customerId: 'CUST005', message: CRASH_ON_INVOICE });
    expect(routed.department).toBe('technical');

    const log = eventLog();
    const pinned = await desk.submit(
      { customerId: 'CUST005', message: CRASH_ON_INVOICE, department: 'billing' },
      { onEvent: log.onEvent },
    );
    expect(pinned).toMatchObject({
      department: 'billing',
      departments: ['billing'],
      intent: 'invoice_request',
      escalated: false,
    });
    expect(pinned.parts.map((part) => part.department)).toEqual(['billing']);
    expect(pinned.assignedAgent).toMatch(/^billing-/);
    expect(log.events[0]).toMatchObject({ type: 'routed', department: 'billing' });
  });

  it('keeps the customer’s language', async () => {
    const result = await desk.submit({
      customerId: 'CUST005',
      message: 'Jak si zmenim heslo?',
      department: 'general',
    });
    expect(result).toMatchObject({ language: 'cs', department: 'general', intent: 'profile_settings' });
  });

  it('asks about the department’s own topics when the message fits none of them', async () => {
    const result = await desk.submit({
      customerId: 'CUST005',
      message: 'How do I reset my password?',
      department: 'billing',
    });
    expect(result).toMatchObject({ department: 'billing', escalated: false });
    expect(result.suggestions.length).toBeGreaterThan(0);
    expect(result.suggestions.every((suggestion) => suggestion.department === 'billing')).toBe(true);
  });

  it.each(['sales', 'escalation'])(
    'refuses the department "%s", which has no specialists here',
    async (name) => {
      await expect(
        desk.submit({ customerId: 'CUST005', message: 'hello', department: name }),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    },
  );
});
