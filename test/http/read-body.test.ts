import { connect } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startLive, type LiveServer } from './server-helpers.js';

let live: LiveServer | undefined;
afterEach(async () => {
  await live?.running.shutdown({ timeoutMs: 1000 });
  live = undefined;
});

describe('a client that aborts mid-body', () => {
  it('is a client event: logged at info and counted as 499 CLIENT_CLOSED, never INTERNAL or 500', async () => {
    live = await startLive();
    const socket = connect(live.running.port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      'POST /v1/queries HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"customerId":',
    );
    const logs = live.logs;
    socket.destroy();
    await vi.waitFor(() => expect(logs.some((line) => line.msg === 'request')).toBe(true));

    expect(logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
    expect(logs.find((line) => line.msg === 'client closed the request')).toMatchObject({
      level: 30,
      code: 'CLIENT_CLOSED',
    });
    const metrics = await live.app.metrics.registry.metrics();
    expect(metrics).toMatch(/swarmdesk_errors_total\{code="CLIENT_CLOSED"\} 1/);
    expect(metrics).toMatch(/swarmdesk_http_request_duration_seconds_count\{[^}]*status="499"\} 1/);
    expect(metrics).not.toMatch(/status="500"/);
  });
});
