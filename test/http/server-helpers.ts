import { request } from 'node:http';
import { startServer, type RunningServer } from '../../src/http/index.js';
import { makeApp, parseSse, type TestApp } from './helpers.js';
import type { HttpOptions } from '../../src/http/index.js';
import type { FakeDesk } from '../support/fake-desk.js';

export interface LiveServer extends TestApp {
  running: RunningServer;
}

export async function startLive(options: HttpOptions = {}, desk?: FakeDesk): Promise<LiveServer> {
  const t = makeApp(options, desk);
  const running = await startServer({ app: t.app, host: '127.0.0.1', port: 0 });
  return { ...t, running };
}

export function sseEventNames(text: string): string[] {
  return parseSse(text).events.map((e) => e.event);
}

export interface OpenStream {
  /** Resolves with everything received once `done(text)` holds (or the stream ended). */
  until(done: (text: string) => boolean): Promise<string>;
  /** Drops the connection, as a client going away does. */
  disconnect(): void;
}

/**
 * A streaming request over node:http. fetch (undici) keeps an aborted response's socket open for a
 * while, which would make "the client went away" tests wait on the server's force-close timer.
 */
export function openStream(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): OpenStream {
  const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {} });
  let text = '';
  let ended = false;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of waiters) w();
  };
  req.on('response', (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      text += chunk;
      wake();
    });
    res.on('end', () => {
      ended = true;
      wake();
    });
  });
  req.on('error', () => {
    ended = true;
    wake();
  });
  req.end(init.body);
  return {
    until: (done) =>
      new Promise((resolve) => {
        const check = () => {
          if (done(text) || ended) {
            waiters.delete(check);
            resolve(text);
          }
        };
        waiters.add(check);
        check();
      }),
    disconnect: () => req.destroy(),
  };
}
