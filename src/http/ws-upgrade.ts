import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WSContext, defineWebSocketHelper, type UpgradeWebSocket, type WSEvents } from 'hono/ws';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

export interface WebSocketUpgrades {
  /** What the route's upgrade handler is built with. */
  upgradeWebSocket: UpgradeWebSocket<WebSocket>;
  /** Hands a listening server's upgrade requests to the app. */
  injectWebSocket(server: Server): void;
  /** The `ws` server, whose options (the frame size limit) the app sets. */
  wss: WebSocketServer;
}

/** Node's types name no CloseEvent; the routes read nothing from it. */
type CloseEventOf = Parameters<NonNullable<WSEvents['onClose']>>[0];

type Fetch = (
  url: URL,
  init: RequestInit,
  env: { incoming: IncomingMessage; outgoing: undefined },
) => Response | Promise<Response>;

/** A refused upgrade as the raw HTTP response the socket gets: the app's status, headers and body. */
async function refusal(response: Response): Promise<string> {
  const body = await response.text();
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`];
  response.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'connection' && name !== 'transfer-encoding')
      lines.push(`${name}: ${value}`);
  });
  lines.push(`Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close');
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

function wire(
  ws: WebSocket,
  events: WSEvents<WebSocket>,
  url: string,
  onError: (error: unknown) => void,
): void {
  const ctx = new WSContext<WebSocket>({
    send: (data, options) => ws.send(data, { compress: options.compress ?? false }),
    close: (code, reason) => ws.close(code, reason),
    raw: ws,
    get readyState() {
      return ws.readyState as 0 | 1 | 2 | 3;
    },
    url,
    protocol: ws.protocol,
  });
  const guard = (run: () => void) => {
    try {
      run();
    } catch (error) {
      onError(error);
    }
  };
  guard(() => events.onOpen?.(new Event('open'), ctx));
  ws.on('message', (data: RawData, isBinary: boolean) => {
    const bytes = Buffer.isBuffer(data)
      ? data
      : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
    const received = isBinary
      ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
      : bytes.toString('utf8');
    guard(() => events.onMessage?.(new MessageEvent('message', { data: received }), ctx));
  });
  ws.on('close', () => guard(() => events.onClose?.(new Event('close') as CloseEventOf, ctx)));
  ws.on('error', () => guard(() => events.onError?.(new Event('error'), ctx)));
}

/**
 * WebSocket upgrades for the Hono app on node:http, after @hono/node-ws with one difference: a refused
 * upgrade (a missing customerId, a wrong key, the rate limit) is answered with the app's whole error
 * response, JSON body included, where @hono/node-ws sends the status line with an empty body.
 *
 * The upgrade request runs through the app like any request; the route's handler marks it accepted,
 * and only then is the socket handed to `ws`. Events are wired in `ws`'s upgrade callback, before the
 * socket can deliver a frame.
 */
export function createWebSocketUpgrades(fetch: Fetch, onError: (error: unknown) => void): WebSocketUpgrades {
  const wss = new WebSocketServer({ noServer: true });
  const accepted = new WeakMap<IncomingMessage, (ws: WebSocket) => void>();

  const upgradeWebSocket = defineWebSocketHelper<WebSocket>((c, events) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket' || !incoming) return;
    const url = c.req.url;
    accepted.set(incoming, (ws) => wire(ws, events, url, onError));
    return new Response();
  });

  const upgrade = async (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.append(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const response = await fetch(url, { headers }, { incoming: request, outgoing: undefined });
    const accept = accepted.get(request);
    accepted.delete(request);
    if (!accept) {
      socket.end(await refusal(response));
      return;
    }
    wss.handleUpgrade(request, socket, head, accept);
  };

  return {
    upgradeWebSocket,
    wss,
    injectWebSocket(server) {
      server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
        upgrade(request, socket, head).catch((error: unknown) => {
          onError(error);
          socket.destroy();
        });
      });
    },
  };
}
