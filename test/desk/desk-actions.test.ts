import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectDesk } from '../../src/desk/index.js';

const root = mkdtempSync(join(tmpdir(), 'swarmdesk-desk-actions-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const EXAMPLES = `
    examples:
      en: ["Where is my order?", "Where is my parcel 123456?", "Has my order shipped?", "Track my order", "When will my order arrive?"]
      cs: ["Kde je moje objednávka?", "Kde je můj balík?", "Byla moje objednávka odeslána?", "Sledovat objednávku", "Kdy dorazí moje objednávka?"]`;

function desk(yaml: string): string {
  const dir = join(root, `desk-${++n}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'desk.yaml'), yaml);
  return dir;
}

const SHOP = (intentExtra: string, actionDepartments = '[shipping]') => `
name: Shop
extends: demo
departments:
  shipping:
    description: Orders and deliveries
actions:
  order_status:
    description: Look up an order's delivery status
    method: GET
    url: https://shop.example/api/orders/{order_id}
    headers: { authorization: "Bearer \${SHOP_API_TOKEN}" }
    parameters:
      type: object
      properties: { order_id: { type: string, pattern: "^[0-9]{6}$" } }
      required: [order_id]
    departments: ${actionDepartments}
    timeout_ms: 3000
webhooks:
  - url: https://hooks.example/support
    events: [ticket.created, ticket.updated]
    secret: "\${WEBHOOK_SECRET}"
intents:
  where_is_my_order:
    department: shipping
${intentExtra}${EXAMPLES}
`;

const BOUND = `    action: order_status
    slots: { order_id: { pattern: "\\\\b[0-9]{6}\\\\b", ask: { en: "What is your order number?", cs: "Jaké je číslo vaší objednávky?" } } }
    answer: { en: "Your order {order_id} is {status}.", cs: "Vaše objednávka {order_id} je ve stavu {status}." }`;

describe('actions and webhooks in a desk', () => {
  it('loads actions, webhooks and an intent bound to an action', () => {
    const { desk: loaded, problems } = inspectDesk(desk(SHOP(BOUND)));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(loaded?.actions['order_status']?.value).toMatchObject({
      method: 'GET',
      url: 'https://shop.example/api/orders/{order_id}',
      headers: { authorization: 'Bearer ${SHOP_API_TOKEN}' },
      timeout_ms: 3000,
    });
    expect(loaded?.webhooks.map((w) => w.value)).toEqual([
      {
        url: 'https://hooks.example/support',
        events: ['ticket.created', 'ticket.updated'],
        secret: '${WEBHOOK_SECRET}',
      },
    ]);
    expect(loaded?.intents['where_is_my_order']?.value).toMatchObject({
      action: 'order_status',
      slots: { order_id: { pattern: '\\b[0-9]{6}\\b' } },
      answer: { en: 'Your order {order_id} is {status}.' },
    });
  });

  it('names an intent bound to an undeclared action, an action of another department, and a missing answer', () => {
    const unknown = inspectDesk(desk(SHOP(BOUND.replace('action: order_status', 'action: order_lookup'))));
    expect(unknown.problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        field: 'intents.where_is_my_order.action',
        line: expect.any(Number),
      }),
    );
    const elsewhere = inspectDesk(desk(SHOP(BOUND, '[billing]')));
    expect(elsewhere.problems.map((p) => p.message)).toContainEqual(
      expect.stringMatching(/not one of department "shipping"/),
    );
    const noAnswer = inspectDesk(desk(SHOP(BOUND.split('\n').slice(0, 2).join('\n'))));
    expect(noAnswer.problems.map((p) => p.field)).toContain('intents.where_is_my_order.answer');
    const nowhere = inspectDesk(desk(SHOP(BOUND, '[warehouse]')));
    expect(nowhere.problems.map((p) => p.field)).toContain('actions.order_status.departments');
  });

  it('reports an action with a bad URL or an unknown field with its file and line', () => {
    const bad = inspectDesk(
      desk(SHOP(BOUND).replace('timeout_ms: 3000', 'timeout_ms: 3000\n    retry_forever: true')),
    );
    expect(bad.problems).toContainEqual(
      expect.objectContaining({ severity: 'error', line: expect.any(Number) }),
    );
  });
});
