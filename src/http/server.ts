import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { SwarmApp } from './app.js';

export interface RunningServer {
  readonly server: Server;
  readonly host: string;
  /** The bound port (the real one when asked for port 0). */
  readonly port: number;
  readonly url: string;
  /**
   * Graceful stop: stop accepting connections, /readyz turns 503, wait for every accepted query (up to
   * `timeoutMs`), end the streams and sockets, then close the desk and the edge's stores. Idempotent.
   */
  shutdown(options?: { timeoutMs?: number }): Promise<ShutdownOutcome>;
}

export interface ShutdownOutcome {
  /** False when the deadline passed with queries still running. */
  drained: boolean;
  /** Queries still running when the deadline passed. */
  abandoned: number;
}

export function startServer({
  app,
  host,
  port,
}: {
  app: SwarmApp;
  host: string;
  port: number;
}): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.hono.fetch, hostname: host, port }) as Server;
    app.injectWebSocket(server);
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.once('listening', () => {
      server.off('error', onError);
      const bound = (server.address() as AddressInfo).port;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      let stopping: Promise<ShutdownOutcome> | undefined;
      resolve({
        server,
        host,
        port: bound,
        url: `http://${urlHost}:${bound}`,
        shutdown: (options) =>
          (stopping ??= stop(app, server, options?.timeoutMs ?? app.options.shutdownTimeoutMs)),
      });
    });
  });
}

async function stop(app: SwarmApp, server: Server, timeoutMs: number): Promise<ShutdownOutcome> {
  const log = app.logger;
  log.info({ inFlight: app.lifecycle.inFlight }, 'shutting down: no new connections');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const { completed } = await app.lifecycle.drain(timeoutMs);
  const abandoned = completed ? 0 : app.lifecycle.inFlight;
  if (!completed) log.warn({ abandoned }, 'shutdown deadline passed with queries still running');
  // Answered responses may still be flushing on keep-alive sockets; idle ones go now, the rest after a beat.
  server.closeIdleConnections();
  const forceClose = setTimeout(() => server.closeAllConnections(), completed ? 1000 : 0);
  await closed;
  clearTimeout(forceClose);
  await app.close();
  log.info({ drained: completed }, 'shut down');
  return { drained: completed, abandoned };
}
