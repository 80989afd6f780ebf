import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';

/** How many clients of each kind one round opens. */
export interface SlowClientMix {
  /** WebSockets that send frames and do not read their answers. */
  webSockets: number;
  /** Agent-status SSE streams that are never read. */
  agentStreams: number;
  /** Query SSE streams whose answers are never read. */
  queryStreams: number;
  /** HTTP requests that stop halfway through their headers. */
  slowHeaders: number;
  /** HTTP requests that stop halfway through their body. */
  slowBodies: number;
}

export interface SlowClientOptions {
  customerId?: string;
  /** Sent with every request and upgrade (an API key, say). */
  headers?: Record<string, string>;
  /** Frames each WebSocket sends unread (the server should stop reading long before the last). */
  webSocketFrames?: number;
  /** How long a WebSocket then stays unread, so the server's stall timeout passes. */
  unreadMs?: number;
  /** How long to wait for the server to end each client before giving up on it. */
  timeoutMs?: number;
}

export interface SlowClientRound {
  /** WebSockets the server closed (back-pressure or its frame limit). */
  webSocketsClosed: number;
  /** Slow-header and slow-body connections the server ended. */
  connectionsEnded: number;
}

async function openSocket(port: number, host: string, request: string): Promise<Socket> {
  const socket = connect(port, host);
  socket.on('error', () => {});
  await once(socket, 'connect');
  socket.write(request);
  return socket;
}

/** Resolves true once the server ended the connection, false after `timeoutMs` (then destroys it). */
function whenEnded(socket: Socket, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, timeoutMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
    // Reading is what lets the client see the server's 408 and its end of the connection.
    socket.resume();
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A WebSocket that sends `frames` frames without reading its answers and stays unread for `unreadMs`;
 * then it reads again and resolves true once the server has closed it.
 */
async function floodUnread(url: string, headers: Record<string, string>, o: Required<SlowClientOptions>) {
  const ws = new WebSocket(url, { headers });
  ws.on('error', () => {});
  await once(ws, 'open');
  let closed = false;
  ws.once('close', () => {
    closed = true;
  });
  ws.pause();
  for (let sent = 0; sent < o.webSocketFrames && ws.readyState === WebSocket.OPEN;) {
    for (let i = 0; i < 100; i++) ws.send(`message ${sent++}`);
    await pause(10);
  }
  await pause(o.unreadMs);
  ws.resume();
  const deadline = Date.now() + o.timeoutMs;
  while (!closed && Date.now() < deadline) await pause(20);
  ws.terminate();
  return closed;
}

/**
 * One round of hostile-but-legal clients against a running server: each kind stops reading (or
 * sending) and waits for the server to end it. The server must bound what each one costs; a soak runs
 * rounds and watches the server's memory.
 */
export async function slowClientRound(
  baseUrl: string,
  mix: SlowClientMix,
  options: SlowClientOptions = {},
): Promise<SlowClientRound> {
  const o: Required<SlowClientOptions> = {
    customerId: 'CUST001',
    headers: {},
    webSocketFrames: 8_000,
    unreadMs: 1_000,
    timeoutMs: 15_000,
    ...options,
  };
  const url = new URL(baseUrl);
  const port = Number(url.port);
  const host = url.hostname;
  const headerLines = Object.entries(o.headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const body = JSON.stringify({
    customerId: o.customerId,
    message: 'Where is my refund? I was charged twice.',
  });
  const post = (extra: string, sent: string) =>
    `POST /v1/queries HTTP/1.1\r\nHost: x\r\n${headerLines}${extra}content-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${sent}`;

  const ends: Promise<boolean>[] = [];
  for (let i = 0; i < mix.slowHeaders; i++)
    ends.push(
      openSocket(port, host, 'GET /healthz HTTP/1.1\r\nHost: x\r\n').then((s) => whenEnded(s, o.timeoutMs)),
    );
  for (let i = 0; i < mix.slowBodies; i++)
    ends.push(openSocket(port, host, post('', body.slice(0, 10))).then((s) => whenEnded(s, o.timeoutMs)));
  const unread: Socket[] = [];
  for (let i = 0; i < mix.agentStreams; i++) {
    const socket = await openSocket(
      port,
      host,
      `GET /v1/agents/stream HTTP/1.1\r\nHost: x\r\n${headerLines}\r\n`,
    );
    socket.pause();
    unread.push(socket);
  }
  for (let i = 0; i < mix.queryStreams; i++) {
    const socket = await openSocket(port, host, post('accept: text/event-stream\r\n', body));
    socket.pause();
    unread.push(socket);
  }
  const wsUrl = `${baseUrl.replace(/^http/, 'ws')}/v1/ws?customerId=${encodeURIComponent(o.customerId)}`;
  const sockets = await Promise.all(
    Array.from({ length: mix.webSockets }, () => floodUnread(wsUrl, o.headers, o)),
  );
  const ended = await Promise.all(ends);
  for (const socket of unread) socket.destroy();
  return {
    webSocketsClosed: sockets.filter(Boolean).length,
    connectionsEnded: ended.filter(Boolean).length,
  };
}
