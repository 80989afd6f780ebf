import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk } from '../../src/desk/index.js';
import { createApp, createMetrics, toActorLogger, type SwarmApp } from '../../src/http/index.js';
import { memoryLogger } from '../http/helpers.js';
import { TEST_MODEL_CACHE } from '../support/demo-desk.js';

const SHOP = new URL('../../examples/shop', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-shop-'));
let app: SwarmApp;

beforeAll(async () => {
  const { logger } = memoryLogger();
  const metrics = createMetrics({ defaultMetrics: false });
  const desk = await createDesk(
    { desk: SHOP, threads: 1, dataDir, modelCacheDir: TEST_MODEL_CACHE },
    { logger: toActorLogger(logger), observer: metrics.observer },
  );
  app = createApp({ desk, logger, metrics, options: { rateLimit: null } });
}, 60_000);

afterAll(async () => {
  await app?.desk.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  department: string;
  intent: string;
  language: string;
  escalated: boolean;
  response: string;
}

let customers = 0;

// A customer of its own per question: the same intent asked again by one customer is a repeat contact.
async function ask(message: string, customerId = `SHOP${(customers += 1)}`): Promise<Answer> {
  const res = await app.request('/v1/queries', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customerId, message }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

describe('the example shop desk (the demo plus a shipping department), over HTTP', () => {
  it.each([
    ['Where is my parcel? I ordered last Monday.', 'where_is_my_order', 'en', 'Where is my order?'],
    ['Where is my order 123456?', 'where_is_my_order', 'en', 'Where is my order?'],
    ['Kde je můj balík? Objednával jsem minulý týden.', 'where_is_my_order', 'cs', 'Kde je moje objednávka?'],
    [
      'I typed the wrong delivery address on my order',
      'change_delivery_address',
      'en',
      'Changing the delivery address',
    ],
    [
      'zadal jsem spatnou adresu doruceni, jde to zmenit?',
      'change_delivery_address',
      'cs',
      'Změna adresy doručení',
    ],
    ['The shirt is too small, how do I send it back?', 'return_item', 'en', 'Returns and exchanges'],
    ['Chci vrátit boty, nesedí mi', 'return_item', 'cs', 'Vrácení a výměna zboží'],
  ])('routes and answers "%s" from the shipping department', async (message, intent, language, title) => {
    const answer = await ask(message);
    expect(answer).toMatchObject({ department: 'shipping', intent, language, escalated: false });
    expect(answer.response).toContain(title);
  });

  it.each([
    ['Aplikace se mi stále zasekává při přihlášení', 'technical'],
    ['Kdy mi přijde faktura za tento měsíc?', 'billing'],
    ['Jak mohu změnit své nastavení profilu?', 'general'],
    ['I was charged twice for my subscription', 'billing'],
  ])('still routes the demo desk\'s "%s" to %s', async (message, department) => {
    expect((await ask(message)).department).toBe(department);
  });

  it("names the desk's departments in GET /v1/desk and in the OpenAPI document", async () => {
    const desk = (await (await app.request('/v1/desk')).json()) as { departments: Record<string, unknown> };
    expect(Object.keys(desk.departments).sort()).toEqual(['billing', 'general', 'shipping', 'technical']);
    const document = JSON.stringify(await (await app.request('/openapi.json')).json());
    expect(document).toContain('"enum":["technical","billing","general","shipping","escalation"]');
  });

  it('runs a pool for the new department and lists it with the others', async () => {
    const res = await app.request('/v1/agents');
    const { agents } = (await res.json()) as { agents: Array<{ type: string }> };
    expect(new Set(agents.map((agent) => agent.type))).toEqual(
      new Set(['router', 'technical', 'billing', 'general', 'shipping', 'escalation']),
    );
  });
});
