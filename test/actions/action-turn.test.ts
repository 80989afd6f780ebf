import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeShop, type FakeShop } from '../../examples/shop/backend/fake-shop.js';
import {
  ACTION_FAILED_TEXT,
  IntentAction,
  createActionEngine,
  fillSlots,
  renderAnswer,
  runActionTurn,
  type ActionEngine,
  type ActionTurnInput,
} from '../../src/actions/index.js';

const BINDING = IntentAction.parse({
  action: 'order_status',
  slots: {
    order_id: {
      pattern: '\\b[0-9]{6}\\b',
      ask: { en: 'What is your order number?', cs: 'Jaké je číslo vaší objednávky?' },
    },
  },
  answer: {
    en: 'Your order {order_id} is {status}.',
    cs: 'Vaše objednávka {order_id} je ve stavu {status}.',
  },
});

describe('slots and answer templates', () => {
  it('takes a slot from the message before the remembered one, and lists what is missing', () => {
    expect(fillSlots(BINDING.slots, 'order 123456 please', { order_id: '654321' })).toEqual({
      values: { order_id: '123456' },
      missing: [],
    });
    expect(fillSlots(BINDING.slots, 'where is it?', { order_id: '654321' }).values).toEqual({
      order_id: '654321',
    });
    expect(fillSlots(BINDING.slots, 'where is my order?', {})).toEqual({ values: {}, missing: ['order_id'] });
  });

  it('fills a template from the slots and the result, leaving unknown placeholders visible', () => {
    expect(renderAnswer('{order_id} is {status} ({eta})', { order_id: '1' }, { status: 'shipped' })).toBe(
      '1 is shipped ({eta})',
    );
  });
});

describe('an action-bound intent, offline', () => {
  let shop: FakeShop;
  let engine: ActionEngine;
  const turn = (message: string, overrides: Partial<ActionTurnInput> = {}) =>
    runActionTurn({
      binding: BINDING,
      message,
      language: 'en',
      defaultLanguage: 'en',
      remembered: {},
      engine,
      context: { customerId: 'CUST001', conversationId: 'c-1', department: 'shipping' },
      ...overrides,
    });

  beforeEach(async () => {
    shop = await startFakeShop({ token: 't' });
    engine = createActionEngine({
      actions: {
        order_status: {
          description: 'Order status',
          url: `${shop.url}/api/orders/{order_id}`,
          headers: { authorization: 'Bearer ${SHOP_API_TOKEN}' },
          parameters: {
            type: 'object',
            properties: { order_id: { type: 'string' } },
            required: ['order_id'],
          },
          departments: ['shipping'],
          retries: 0,
        },
      },
      env: { SHOP_API_TOKEN: 't' },
    });
  });
  afterEach(async () => {
    await shop.close();
  });

  it("answers 'Where is my order 123456?' with the backend's status", async () => {
    expect(await turn('Where is my order 123456?')).toMatchObject({
      kind: 'answered',
      text: 'Your order 123456 is shipped.',
    });
  });

  it('asks for a missing order number, then answers from the next turn', async () => {
    const first = await turn('Where is my order?');
    expect(first).toEqual({
      kind: 'ask',
      text: 'What is your order number?',
      slot: 'order_id',
      remember: {},
    });
    expect(shop.requests).toEqual([]);
    const second = await turn('It is 654321', { remembered: first.remember });
    expect(second).toMatchObject({ kind: 'answered', text: 'Your order 654321 is being packed.' });
  });

  it('asks and answers in Czech', async () => {
    expect((await turn('Kde je moje objednávka?', { language: 'cs' })).text).toBe(
      'Jaké je číslo vaší objednávky?',
    );
    expect((await turn('Objednávka 123456', { language: 'cs' })).text).toBe(
      'Vaše objednávka 123456 je ve stavu shipped.',
    );
  });

  it('says honestly that it could not look it up when the backend fails, inventing nothing', async () => {
    shop.failNext(1, 503);
    const failed = await turn('Where is my order 123456?');
    expect(failed).toEqual({
      kind: 'failed',
      text: ACTION_FAILED_TEXT.en,
      code: 'ACTION_FAILED',
      remember: { order_id: '123456' },
      call: expect.objectContaining({ action: 'order_status', outcome: 'error', status: 503 }),
    });
    expect(await turn('Where is my order 999999?')).toMatchObject({ kind: 'failed' });
  });
});
