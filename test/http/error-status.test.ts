import { describe, expect, it } from 'vitest';
import { makeApp, postJson } from './helpers.js';

/** An error as ioredis rejects a command with once its offline queue gives up. */
function maxRetriesError(): Error {
  const error = new Error('Reached the max retries per request limit (which is 3).');
  Object.defineProperty(error, 'name', { value: 'MaxRetriesPerRequestError' });
  return error;
}

describe('Redis unavailable at the edge', () => {
  it('answers 503 REDIS_UNAVAILABLE with Retry-After, not 500, when a read cannot reach Redis', async () => {
    const { app, desk, logs } = makeApp();
    desk.getQuery = () => Promise.reject(maxRetriesError());
    const res = await app.request('/v1/queries/q-1');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REDIS_UNAVAILABLE');
    expect(logs.some((line) => line.level === 50)).toBe(false);
  });

  it('answers 503 when a submit loses its connection', async () => {
    const { app, desk } = makeApp();
    desk.submit = () =>
      Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const res = await postJson(app, '/v1/queries', { customerId: 'C001', message: 'hello' });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REDIS_UNAVAILABLE');
  });
});
