import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../src/desk/index.js';
import { startDesk } from './support/desk-harness.js';

const RETURNS_DESK = new URL('./fixtures/returns-desk', import.meta.url).pathname;
let desk: Desk;

beforeAll(async () => {
  desk = await startDesk({ desk: RETURNS_DESK, pools: { router: { min: 1, max: 2 } } });
}, 60_000);
afterAll(() => desk?.close());

const shippingAgent = () => desk.agents.status().find((agent) => agent.type === 'shipping');

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("a department served by the desk's own behaviour module", () => {
  it('answers its own intents and leaves the rest to the built-in specialist it wraps', async () => {
    const returned = await desk.submit({ customerId: 'CUST002', message: 'I want to return these shoes' });
    expect(returned).toMatchObject({ department: 'shipping', escalated: false });
    expect(returned.response).toMatch(/^Returns desk \(1 since start\)/);
    const tracked = await desk.submit({ customerId: 'CUST002', message: 'Where is my parcel?' });
    expect(tracked).toMatchObject({ department: 'shipping', intent: 'where_is_my_order' });
    expect(tracked.response).toContain('Where is my order?');
  });

  it('is supervised like any agent: a crash restarts it with its state anew and its mailbox kept', async () => {
    const before = shippingAgent()?.restarts ?? 0;
    // Both go to the one shipping agent: the second waits in its mailbox while the first crashes it.
    const [crashed, queued] = await Promise.all([
      desk.submit({ customerId: 'CUST002', message: 'I want to return this CRASH' }),
      desk.submit({ customerId: 'CUST005', message: 'I want to return my jacket' }),
    ]);
    expect(crashed).toMatchObject({ escalated: true, department: 'escalation' });
    expect(queued).toMatchObject({ department: 'shipping', escalated: false });
    // Re-initialised by the restart: the count starts again.
    expect(queued.response).toMatch(/^Returns desk \(1 since start\)/);
    await until(() => shippingAgent()?.state === 'idle');
    expect(shippingAgent()).toMatchObject({ state: 'idle' });
    expect(shippingAgent()?.restarts).toBeGreaterThan(before);
    expect(shippingAgent()?.lastError?.message).toContain('returns agent bug');
  });
});
