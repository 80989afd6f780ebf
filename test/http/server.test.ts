import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startLive, type LiveServer } from './server-helpers.js';

let live: LiveServer | undefined;
afterEach(async () => {
  await live?.running.shutdown({ timeoutMs: 1000 });
  live = undefined;
});

/** Writes `partial` and resolves with everything the server sent until it closed the socket. */
async function stall(port: number, partial: string): Promise<string> {
  const socket: Socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
  });
  socket.write(partial);
  await once(socket, 'close');
  return received;
}

describe('server timeouts', () => {
  it('answers 408 and disconnects a client that never finishes its headers', async () => {
    live = await startLive({ headersTimeoutMs: 200, requestTimeoutMs: 400 });
    expect(await stall(live.running.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n')).toMatch(/^HTTP\/1.1 408/);
  });

  it('answers 408 and disconnects a client that never finishes its body', async () => {
    live = await startLive({ headersTimeoutMs: 200, requestTimeoutMs: 400 });
    const head =
      'POST /v1/queries HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{';
    expect(await stall(live.running.port, head)).toMatch(/^HTTP\/1.1 408/);
  });
});
