import { once } from 'node:events';
import { Agent, createServer, request } from 'node:http';

/** A round-robin HTTP proxy in front of several servers, as a load balancer would be. */
export interface Balancer {
  url: string;
  /** Takes a server out of the rotation (what a failing health check does). */
  remove(target: string): void;
  close(): Promise<void>;
}

/**
 * Proxies each request to the next server in turn. A server that cannot be reached, or drops the
 * connection before answering, gives the client 502 `BAD_GATEWAY`, as nginx does: the client retries.
 */
export async function startBalancer(targets: readonly string[]): Promise<Balancer> {
  const live = targets.map((target) => new URL(target));
  const agent = new Agent({ keepAlive: true });
  let next = 0;
  const server = createServer((req, res) => {
    const target = live[next++ % live.length];
    if (!target) {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(JSON.stringify({ error: { code: 'NO_UPSTREAM', message: 'no server in the rotation' } }));
      return;
    }
    const upstream = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'BAD_GATEWAY', message: `${target.host} did not answer` } }));
    });
    req.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port assigned');
  return {
    url: `http://127.0.0.1:${address.port}`,
    remove(target) {
      const host = new URL(target).host;
      const index = live.findIndex((url) => url.host === host);
      if (index >= 0) live.splice(index, 1);
    },
    async close() {
      agent.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
