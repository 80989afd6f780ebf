import { describe, expect, it } from 'vitest';
import { makeApp, postJson } from './helpers.js';

const HOSTILE = ['C\u0000001', '\u200b\u200b', 'C001\u202e', '\ufeffC001', 'C\ud800001', 'x'.repeat(129)];

/** An id as a path segment; a lone surrogate, which has no UTF-8 form, as the bytes WTF-8 gives it. */
function pathSegment(id: string): string {
  return id
    .split(/([\ud800-\udfff])/)
    .map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');
}

describe('ids at the edge', () => {
  it('refuses the same hostile ids in bodies and in paths, with VALIDATION_FAILED naming the field', async () => {
    const { app, desk } = makeApp();
    for (const id of HOSTILE) {
      const body = await postJson(app, '/v1/queries', { customerId: id, message: 'hello' });
      expect(body.status).toBe(400);
      expect(await body.json()).toMatchObject({
        error: { code: 'VALIDATION_FAILED', details: { issues: [{ field: 'customerId' }] } },
      });
      const conversation = await postJson(app, '/v1/queries', {
        customerId: 'C001',
        conversationId: id,
        message: 'hello',
      });
      expect(conversation.status).toBe(400);
      for (const path of ['/v1/queries/', '/v1/conversations/', '/v1/customers/', '/v1/tickets/']) {
        expect((await app.request(path + pathSegment(id))).status).toBe(400);
      }
    }
    expect(desk.submitted).toEqual([]);
  });

  it('reads back through its path every id a body may store', async () => {
    const { app } = makeApp();
    for (const customerId of ['Zákazník-7', '顧客42', 'a:b.c_d']) {
      const res = await postJson(app, '/v1/queries', {
        customerId,
        message: 'hello',
        conversationId: `${customerId}~c`,
      });
      const { queryId, conversationId } = (await res.json()) as { queryId: string; conversationId: string };
      expect(conversationId).toBe(`${customerId}~c`);
      expect((await app.request(`/v1/conversations/${encodeURIComponent(conversationId)}`)).status).toBe(200);
      expect((await app.request(`/v1/queries/${encodeURIComponent(queryId)}`)).status).toBe(200);
    }
  });
});
