import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An order as the shop's API returns it. */
export interface ShopOrder {
  order_id: string;
  customer_id: string;
  status: string;
}

export interface ShopRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface FakeShopOptions {
  /** The bearer token the API requires (what `SHOP_API_TOKEN` holds). */
  token: string;
  orders?: ShopOrder[];
}

/**
 * A tiny stand-in for a shop's backend, for the shop desk's tests and demos: `GET
 * /api/orders/{id}` answers the order's status (404 for an unknown one, 401 without the token).
 * `failNext(n, status)` makes the next n requests fail, as an overloaded backend would.
 */
export interface FakeShop {
  readonly url: string;
  readonly requests: ShopRequest[];
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

export const DEMO_ORDERS: ShopOrder[] = [
  { order_id: '123456', customer_id: 'CUST001', status: 'shipped' },
  { order_id: '654321', customer_id: 'CUST002', status: 'being packed' },
];

export async function startFakeShop(options: FakeShopOptions): Promise<FakeShop> {
  const orders = new Map((options.orders ?? DEMO_ORDERS).map((o) => [o.order_id, o]));
  const requests: ShopRequest[] = [];
  let failures = { count: 0, status: 503 };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://shop').pathname;
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (failures.count > 0) {
      failures = { ...failures, count: failures.count - 1 };
      return send(failures.status, { error: 'try again' });
    }
    if (req.headers.authorization !== `Bearer ${options.token}`) return send(401, { error: 'unauthorized' });
    const match = /^\/api\/orders\/([^/]+)$/.exec(path);
    if (req.method !== 'GET' || !match) return send(404, { error: 'not found' });
    const order = orders.get(decodeURIComponent(match[1] ?? ''));
    return order ? send(200, order) : send(404, { error: 'no such order' });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(count, status) {
      failures = { count, status };
    },
    async close() {
      server.close();
      server.closeAllConnections();
      await once(server, 'close');
    },
  };
}
