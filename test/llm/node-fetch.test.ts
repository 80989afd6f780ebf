import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClosedConnectionError, createNodeFetch } from '../../src/llm/node-fetch.js';

let server: Server;
let base: string;
const seen: Array<{ method: string; headers: Record<string, unknown>; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', headers: req.headers, body });
      if (req.url === '/json') {
        res.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'req-1' });
        res.end(JSON.stringify({ echo: body }));
      } else if (req.url === '/stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: one\n\n');
        setTimeout(() => res.end('data: two\n\n'), 20);
      } else if (req.url === '/limited') {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' });
        res.end('{"error":{"message":"slow down"}}');
      } else if (req.url === '/empty') {
        res.writeHead(204).end();
      }
      // '/hang' never answers
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createNodeFetch', () => {
  const fetchOverHttp = createNodeFetch();

  it('sends the method, headers and body, and returns status, headers and the JSON body', async () => {
    const response = await fetchOverHttp(`${base}/json`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: '{"a":"ž"}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('req-1');
    expect(await response.json()).toEqual({ echo: '{"a":"ž"}' });
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-length': String(Buffer.byteLength('{"a":"ž"}')) },
    });
  });

  it('hands an event stream over as it arrives, as a readable body', async () => {
    const response = await fetchOverHttp(`${base}/stream`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: one\n\n');
    let rest = '';
    for (let next = await reader.read(); !next.done; next = await reader.read())
      rest += new TextDecoder().decode(next.value);
    expect(rest).toBe('data: two\n\n');
  });

  it('reads a whole answer as the Response it stands for: headers as Headers reads them, the body once', async () => {
    const response = await fetchOverHttp(`${base}/json`, { method: 'POST', body: 'x' });
    expect(response.ok).toBe(true);
    expect(response.url).toBe(`${base}/json`);
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(response.headers.has('x-missing')).toBe(false);
    const names = [...response.headers.entries()].map(([name]) => name);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('x-request-id');
    expect(await response.text()).toBe('{"echo":"x"}');
    expect(response.bodyUsed).toBe(true);
    await expect(response.json()).rejects.toThrow(TypeError);
  });

  it('hands an error answer over as a real Response', async () => {
    const response = await fetchOverHttp(`${base}/limited`);
    expect(response).toBeInstanceOf(Response);
    expect(response.ok).toBe(false);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toEqual({ error: { message: 'slow down' } });
  });

  it('answers 204 with no body', async () => {
    const response = await fetchOverHttp(`${base}/empty`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('rejects with an AbortError when the signal fires while waiting', async () => {
    const controller = new AbortController();
    const pending = fetchOverHttp(`${base}/hang`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('tells a kept-alive connection the server closed under the request from other failures', async () => {
    // Each connection serves one request; the next one sent down it finds the socket closed, as when
    // a server's keep-alive timer fires just as a request goes out.
    const served = new WeakSet<object>();
    const closing = createServer((req, res) => {
      if (served.has(req.socket)) {
        req.socket.destroy();
        return;
      }
      served.add(req.socket);
      req.resume();
      req.once('end', () => res.end('{}'));
    });
    await new Promise<void>((resolve) => closing.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closing.address() as AddressInfo).port}/`;
    const local = createNodeFetch();
    try {
      expect((await local(url, { method: 'POST', body: '{}' })).status).toBe(200);
      const closed = local(url, { method: 'POST', body: '{}' });
      await expect(closed).rejects.toBeInstanceOf(ClosedConnectionError);
      await expect(closed).rejects.toBeInstanceOf(TypeError);
      // The closed socket left the pool: the next request opens a new connection and is served.
      expect((await local(url, { method: 'POST', body: '{}' })).status).toBe(200);
    } finally {
      closing.closeAllConnections();
      await new Promise((resolve) => closing.close(resolve));
    }
  });

  it('rejects as fetch does when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = fetchOverHttp(`http://127.0.0.1:${port}/`);
    await expect(refused).rejects.toThrow(TypeError);
    await expect(refused).rejects.not.toBeInstanceOf(ClosedConnectionError);
  });
});
