import { describe, expect, it } from 'vitest';
import { createShutdownHandler } from '../../src/http/index.js';
import { startLive } from './server-helpers.js';

const post = (url: string, message: string) =>
  fetch(`${url}/v1/queries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customerId: 'C001', message }),
  });

describe('graceful shutdown', () => {
  it('stops accepting, answers every accepted query, then closes the desk', async () => {
    const live = await startLive();
    const { desk, running, app } = live;
    desk.hold();
    const inFlight = [post(running.url, 'first'), post(running.url, 'second')];
    await desk.whenSubmitted(2);
    let answeredBeforeClose = -1;
    const close = desk.close.bind(desk);
    desk.close = async () => {
      answeredBeforeClose = desk.completionOrder.length;
      await close();
    };

    const stopping = running.shutdown({ timeoutMs: 5000 });
    expect((await app.request('/readyz')).status).toBe(503);
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();

    desk.release();
    const responses = await Promise.all(inFlight);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(await stopping).toEqual({ drained: true, abandoned: 0 });
    expect(answeredBeforeClose).toBe(2);
    expect(desk.closed).toBe(true);
  });

  it('gives up waiting at the deadline and still closes the desk', async () => {
    const live = await startLive();
    live.desk.hold();
    const stuck = post(live.running.url, 'never answered').catch((error: unknown) => error);
    await live.desk.whenSubmitted(1);
    expect(await live.running.shutdown({ timeoutMs: 30 })).toEqual({ drained: false, abandoned: 1 });
    expect(live.desk.closed).toBe(true);
    live.desk.release();
    await stuck;
  });

  it('turns a signal into a graceful shutdown and exit code 0', async () => {
    const live = await startLive();
    const exits: number[] = [];
    const onSignal = createShutdownHandler(live.running, live.app.logger, (code) => exits.push(code));
    await onSignal('SIGTERM');
    expect(exits).toEqual([0]);
    expect(live.desk.closed).toBe(true);
  });
});
