import { once } from 'node:events';
import { connect as connectSocket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { MAX_PENDING_FRAMES } from '../../src/http/routes/websocket.js';
import { parseSse } from './helpers.js';
import { openStream, sseEventNames, startLive, type LiveServer } from './server-helpers.js';

let live: LiveServer | undefined;

afterEach(async () => {
  live?.desk.release();
  await live?.running.shutdown({ timeoutMs: 1000 });
  live = undefined;
});

/** A JSON POST with Content-Length (`whole`) or as a stream, which fetch sends chunked. */
function postQuery(server: LiveServer, body: string, framing: 'whole' | 'chunked'): Promise<Response> {
  return fetch(`${server.running.url}/v1/queries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(framing === 'whole' ? { body } : { body: new Blob([body]).stream(), duplex: 'half' }),
  } as RequestInit);
}

describe('over a real socket', () => {
  it('streams a query as SSE in the order routed, tokens, done', async () => {
    live = await startLive();
    const res = await fetch(`${live.running.url}/v1/queries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ customerId: 'C001', message: 'refund please' }),
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    expect(text).toMatch(/^event: routed\ndata: \{.*\}\n\n/);
    expect(sseEventNames(text)).toEqual(['routed', 'token', 'token', 'done']);
  });

  it('reads a JSON body from the socket, in one piece or chunked, into the validated query', async () => {
    live = await startLive();
    const body = JSON.stringify({ customerId: 'C001', message: 'Účet mi nejde otevřít' });
    expect((await postQuery(live, body, 'whole')).status).toBe(200);
    expect((await postQuery(live, body, 'chunked')).status).toBe(200);
    expect(live.desk.submitted.map((query) => query.message)).toEqual([
      'Účet mi nejde otevřít',
      'Účet mi nejde otevřít',
    ]);
  });

  it('refuses a body over the limit with 413, by Content-Length or while reading a chunked one', async () => {
    live = await startLive({ bodyLimitBytes: 1024 });
    const body = JSON.stringify({ customerId: 'C001', message: 'y'.repeat(2000) });
    expect((await postQuery(live, body, 'whole')).status).toBe(413);
    const chunked = await postQuery(live, body, 'chunked');
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect((await postQuery(live, '{"customerId": ', 'whole')).status).toBe(400);
    expect(live.desk.submitted).toHaveLength(0);
  });

  it('completes and stores a query whose client disconnected mid-stream', async () => {
    live = await startLive();
    live.desk.hold();
    const stream = openStream(`${live.running.url}/v1/queries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ customerId: 'C001', message: 'refund please' }),
    });
    const text = await stream.until((t) => t.includes('event: routed'));
    const queryId = (JSON.parse(parseSse(text).events[0]!.data) as { queryId: string }).queryId;
    stream.disconnect();
    live.desk.release();
    await vi.waitFor(() => expect(live?.desk.results.has(queryId)).toBe(true));
    const stored = await fetch(`${live.running.url}/v1/queries/${queryId}`);
    expect(stored.status).toBe(200);
  });

  it('streams agent status: a snapshot, then changes, with keep-alive comments', async () => {
    live = await startLive({ sseKeepAliveMs: 20 });
    const stream = openStream(`${live.running.url}/v1/agents/stream`);
    await stream.until((t) => t.includes('event: snapshot'));
    live.desk.emit({ type: 'actor.restarted', at: 1, id: 'technical-1', attempt: 1, error: null });
    const text = await stream.until(
      (t) => t.includes('event: actor.restarted') && t.includes(': keep-alive'),
    );
    const { events, comments } = parseSse(text);
    expect(events.map((e) => e.event).slice(0, 2)).toEqual(['snapshot', 'actor.restarted']);
    expect(JSON.parse(events[0]!.data)).toMatchObject({
      agents: [{ id: 'router-1' }, { id: 'technical-1' }],
    });
    expect(comments).toContain('keep-alive');
    stream.disconnect();
    await vi.waitFor(() => expect(live?.desk.listenerCount).toBe(0));
  });

  it('drops an agent stream whose client stops reading, instead of queueing changes for it', async () => {
    live = await startLive();
    const socket = connectSocket(live.running.port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write('GET /v1/agents/stream HTTP/1.1\r\nHost: x\r\n\r\n');
    await once(socket, 'data');
    socket.pause();
    const desk = live.desk;
    const error = { code: 'BEHAVIOUR_FAILED', message: 'x'.repeat(2000) };
    let emitted = 0;
    while (desk.listenerCount > 0) {
      for (let i = 0; i < 1000; i++)
        desk.emit({ type: 'actor.restarted', at: emitted++, id: 'technical-1', attempt: 1, error });
      await new Promise((resolve) => setImmediate(resolve));
      expect(emitted).toBeLessThan(1_000_000);
    }
    socket.destroy();
  });

  it('lets a loopback client control agents without an admin token', async () => {
    live = await startLive();
    const res = await fetch(`${live.running.url}/v1/agents/router-1/restart`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(live.desk.controls).toEqual(['restart router-1']);
  });
});

describe('WebSocket /v1/ws', () => {
  function connect(url: string): Promise<{
    ws: WebSocket;
    frames: Record<string, unknown>[];
    next(type: string): Promise<Record<string, unknown>>;
  }> {
    const ws = new WebSocket(url);
    const frames: Record<string, unknown>[] = [];
    const waiters: { type: string; resolve(frame: Record<string, unknown>): void; from: number }[] = [];
    let cursor = 0;
    ws.on('message', (data) => {
      frames.push(JSON.parse(String(data)) as Record<string, unknown>);
      for (const w of [...waiters]) {
        const hit = frames.slice(w.from).find((f) => f.type === w.type);
        if (hit) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(hit);
        }
      }
    });
    const next = (type: string) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const from = cursor;
        const settle = (frame: Record<string, unknown>) => {
          cursor = frames.indexOf(frame) + 1;
          resolve(frame);
        };
        const hit = frames.slice(from).find((f) => f.type === type);
        if (hit) settle(hit);
        else waiters.push({ type, resolve: settle, from });
      });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve({ ws, frames, next }));
      ws.once('error', reject);
    });
  }

  it('answers text and JSON frames with stream events in one conversation, and survives an empty frame', async () => {
    live = await startLive();
    const wsUrl = `${live.running.url.replace('http', 'ws')}/v1/ws?customerId=C001`;
    const client = await connect(wsUrl);
    client.ws.send('my invoice is wrong');
    const first = (await client.next('done')) as { result: { conversationId: string; response: string } };
    expect(client.frames.map((f) => f.type)).toEqual(['routed', 'token', 'token', 'done']);

    client.ws.send('   ');
    expect(await client.next('error')).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ field: 'message' }] } },
    });

    client.ws.send(JSON.stringify({ message: 'and the refund?' }));
    const second = (await client.next('done')) as { result: { conversationId: string } };
    expect(second.result.conversationId).toBe(first.result.conversationId);
    expect(live.desk.submitted.map((s) => s.conversationId)).toEqual([
      undefined,
      first.result.conversationId,
    ]);
    expect(live.desk.submitted.map((s) => s.message)).toEqual(['my invoice is wrong', 'and the refund?']);
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    client.ws.close();
  });

  it('draws every frame from the rate limit of the upgrade request, refusing the excess in its turn', async () => {
    live = await startLive({ rateLimit: { ratePerSecond: 0.01, burst: 3 } });
    // The upgrade request takes the first of the three tokens.
    const client = await connect(`${live.running.url.replace('http', 'ws')}/v1/ws?customerId=C001`);
    for (const message of ['first', 'second', 'third']) client.ws.send(message);
    expect(await client.next('error')).toMatchObject({
      error: { code: 'RATE_LIMITED', details: { retryAfterMs: expect.any(Number) } },
    });
    expect(client.frames.filter((f) => f.type === 'done' || f.type === 'error').map((f) => f.type)).toEqual([
      'done',
      'done',
      'error',
    ]);
    expect(live.desk.submitted.map((s) => s.message)).toEqual(['first', 'second']);
    // One budget per address: its HTTP requests find the bucket the frames emptied.
    const res = await postQuery(live, JSON.stringify({ customerId: 'C001', message: 'over HTTP' }), 'whole');
    expect(res.status).toBe(429);
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    client.ws.close();
  });

  it('closes a socket whose frame is over the body limit with 1009, before reading it whole', async () => {
    live = await startLive({ bodyLimitBytes: 1024 });
    const client = await connect(`${live.running.url.replace('http', 'ws')}/v1/ws?customerId=C001`);
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
    client.ws.send('x'.repeat(2048));
    expect(await closed).toBe(1009);
    expect(live.desk.submitted).toEqual([]);

    const next = await connect(`${live.running.url.replace('http', 'ws')}/v1/ws?customerId=C001`);
    next.ws.send('x'.repeat(1000));
    expect(await next.next('done')).toMatchObject({ type: 'done' });
    next.ws.close();
  });

  it('closes a socket with 1008 once too many frames wait for their turn, and answers the ones taken', async () => {
    live = await startLive();
    const client = await connect(`${live.running.url.replace('http', 'ws')}/v1/ws?customerId=C001`);
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
    live.desk.hold();
    for (let i = 0; i <= MAX_PENDING_FRAMES; i++) client.ws.send(`message ${i}`);
    expect(await closed).toBe(1008);
    live.desk.release();
    await live.desk.whenSubmitted(MAX_PENDING_FRAMES);
    expect(live.desk.submitted).toHaveLength(MAX_PENDING_FRAMES);
  });

  it('stops reading a socket whose client does not read its answers, then closes it with 1008', async () => {
    live = await startLive({ wsBufferLimitBytes: 16 * 1024, wsStallTimeoutMs: 200 });
    const client = await connect(`${live.running.url.replace('http', 'ws')}/v1/ws?customerId=C001`);
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
    client.ws.pause();
    const logs = live.logs;
    const stalled = () => logs.some((line) => line.msg === 'websocket closed: its client does not read');
    // Batches small enough that the frame limit never trips: only unread answers can stop this loop.
    let sent = 0;
    while (!stalled()) {
      for (let i = 0; i < 100; i++) client.ws.send(`message ${sent++}`);
      const desk = live.desk;
      await vi.waitFor(() => expect(desk.submitted.length === sent || stalled()).toBe(true), {
        timeout: 15_000,
        interval: 20,
      });
      expect(sent).toBeLessThan(100_000);
    }
    client.ws.resume();
    expect(await closed).toBe(1008);
    // Reading stopped long before the frames ran out: they were never taken in.
    expect(live.desk.submitted.length).toBeLessThan(sent);
  });

  it('opens a socket for a browser that sends its customer token as access_token', async () => {
    const secret = 'customer-token-secret-0123456789abcdef';
    live = await startLive({ apiKeys: ['integrator-key'], customerTokenSecret: secret });
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('C001')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(secret));
    const client = await connect(
      `${live.running.url.replace('http', 'ws')}/v1/ws?customerId=C001&access_token=${token}`,
    );
    client.ws.send('my invoice is wrong');
    expect(await client.next('done')).toMatchObject({ result: { customerId: 'C001' } });
    client.ws.close();
  });

  it('takes a text frame as JSON only when it parses as the message schema, else as plain text', async () => {
    live = await startLive();
    const client = await connect(`${live.running.url.replace('http', 'ws')}/v1/ws?customerId=C001`);
    for (const text of ['{ is this a bug?', '{"message": ""}', '{"question": "where is my parcel"}']) {
      client.ws.send(text);
      await client.next('done');
    }
    client.ws.send(JSON.stringify({ message: 'structured', conversationId: 'conv-9' }));
    await client.next('done');
    expect(live.desk.submitted.map((s) => s.message)).toEqual([
      '{ is this a bug?',
      '{"message": ""}',
      '{"question": "where is my parcel"}',
      'structured',
    ]);
    expect(live.desk.submitted.at(-1)?.conversationId).toBe('conv-9');
    client.ws.close();
  });

  it('refuses an upgrade with a JSON error body: no customerId, or a wrong key', async () => {
    live = await startLive({ apiKeys: ['integrator-key-1'] });
    const refusal = (url: string, headers: Record<string, string>) =>
      new Promise<{ status: number; body: unknown; type: string | undefined }>((resolve) => {
        const ws = new WebSocket(url, { headers });
        ws.once('unexpected-response', (req, res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            req.destroy();
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(text),
              type: res.headers['content-type'],
            });
          });
        });
      });
    const base = `${live.running.url.replace('http', 'ws')}/v1/ws`;
    const noCustomer = await refusal(base, { authorization: 'Bearer integrator-key-1' });
    expect(noCustomer).toMatchObject({
      status: 400,
      type: expect.stringContaining('application/json'),
      body: { error: { code: 'VALIDATION_FAILED', details: { issues: [{ field: 'customerId' }] } } },
    });
    const wrongKey = await refusal(`${base}?customerId=C001`, { authorization: 'Bearer wrong' });
    expect(wrongKey).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    expect(live.desk.submitted).toEqual([]);
  });
});
