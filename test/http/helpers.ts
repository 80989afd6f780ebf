import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { createApp, createMetrics, type SwarmApp } from '../../src/http/index.js';
import type { HttpOptions } from '../../src/http/index.js';
import { FakeDesk } from '../support/fake-desk.js';

export interface TestApp {
  app: SwarmApp;
  desk: FakeDesk;
  /** Every log line written, parsed. */
  logs: Record<string, unknown>[];
}

/** A logger writing JSON lines into an array (tests must not print). */
export function memoryLogger(): { logger: Logger; logs: Record<string, unknown>[] } {
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), logs };
}

export function makeApp(options: HttpOptions = {}, desk = new FakeDesk(), now?: () => number): TestApp {
  const { logger, logs } = memoryLogger();
  const app = createApp({
    desk,
    options: { rateLimit: null, ...options },
    logger,
    metrics: createMetrics({ defaultMetrics: false }),
    ...(now ? { now } : {}),
  });
  return { app, desk, logs };
}

export function postJson(
  app: SwarmApp,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  env?: unknown,
) {
  return app.request(
    path,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    },
    env as never,
  );
}

/** A node-server binding with a chosen remote address, to exercise the loopback check in-process. */
export function fromAddress(address: string) {
  return {
    incoming: {
      socket: {
        remoteAddress: address,
        remotePort: 50000,
        remoteFamily: address.includes(':') ? 'IPv6' : 'IPv4',
      },
    },
  };
}

export interface SseEvent {
  event: string;
  data: string;
}

/** Parses an SSE body into events per the spec's framing (blank line ends an event; `:` lines are comments). */
export function parseSse(text: string): { events: SseEvent[]; comments: string[] } {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    if (!block.trim()) continue;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') });
  }
  return { events, comments };
}
