import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/**
 * How long an idle connection is kept, as Node's own fetch (undici) keeps it: closing it before the
 * server does (Node's servers: 5 s) avoids sending a request down a socket the server is closing. A
 * server that says it keeps them shorter (`Keep-Alive: timeout=N`) is taken at its word, less a second.
 */
const IDLE_SOCKET_MS = 4_000;

/** How a connection the server closed while the request was on its way shows itself. */
const CLOSED_UNDER_US = new Set(['ECONNRESET', 'EPIPE']);

/**
 * A `fetch` for the openai client over `node:http` with keep-alive agents. The global fetch (undici)
 * builds a WHATWG request, body stream and response stream for every call; in a profile of LLM mode
 * that was the largest cost on the LLM thread (docs/llm.md). A whole JSON answer is read into one
 * buffer here; only an event stream becomes a web stream, as the client parses it from one.
 */
export function createNodeFetch(): typeof fetch {
  const options = { keepAlive: true, scheduling: 'lifo', timeout: IDLE_SOCKET_MS } as const;
  const agents = { 'http:': new http.Agent(options), 'https:': new https.Agent(options) };
  return (input, init) => {
    if (typeof input !== 'string' && !(input instanceof URL)) {
      return Promise.reject(new TypeError('this fetch takes a URL, not a Request'));
    }
    const url = new URL(input);
    const agent =
      url.protocol === 'https:' ? agents['https:'] : url.protocol === 'http:' ? agents['http:'] : undefined;
    if (!agent) return Promise.reject(new TypeError(`unsupported protocol ${url.protocol}`));
    const body = init?.body;
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      return Promise.reject(new TypeError('this fetch sends a string or bytes body only'));
    }
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const headers = plainHeaders(init?.headers);
    if (body !== undefined && body !== null) headers['content-length'] = String(Buffer.byteLength(body));
    const method = init?.method ?? 'GET';
    return new Promise<Response>((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https : http).request(url, {
        method,
        headers,
        agent,
      });
      const onAbort = (): void => {
        request.destroy(abortError(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = (): void => signal?.removeEventListener('abort', onAbort);
      let answered = false;
      request.once('error', (error: NodeJS.ErrnoException) => {
        done();
        if (signal?.aborted) reject(abortError(signal));
        else if (!answered && request.reusedSocket && CLOSED_UNDER_US.has(error.code ?? ''))
          reject(new ClosedConnectionError(error));
        else reject(new TypeError('fetch failed', { cause: error }));
      });
      request.once('response', (incoming) => {
        answered = true;
        const status = incoming.statusCode ?? 502;
        if (status === 204 || status === 304 || method === 'HEAD') {
          incoming.resume();
          done();
          resolve(webResponse(null, status, incoming));
          return;
        }
        if (String(incoming.headers['content-type']).includes('text/event-stream')) {
          incoming.once('close', done);
          const stream = Readable.toWeb(incoming) as WebReadableStream<Uint8Array>;
          resolve(webResponse(stream as unknown as ReadableStream<Uint8Array>, status, incoming));
          return;
        }
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.once('end', () => {
          done();
          const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
          resolve(
            status >= 200 && status < 300
              ? (new BufferedResponse(status, url.href, incoming, bytes) as unknown as Response)
              : webResponse(bytes, status, incoming),
          );
        });
        incoming.once('error', (error) => {
          done();
          reject(signal?.aborted ? abortError(signal) : new TypeError('fetch failed', { cause: error }));
        });
      });
      request.end(body ?? undefined);
    });
  };
}

/**
 * A kept-alive connection was closed by the server as a request went out on it, before any answer:
 * the race of a server's idle timer with a new request, which says nothing about the server's health.
 */
export class ClosedConnectionError extends TypeError {
  constructor(cause: Error) {
    super('fetch failed: the server closed a kept-alive connection under the request', { cause });
  }
}

function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('This operation was aborted', 'AbortError');
}

function plainHeaders(headers: ConstructorParameters<typeof Headers>[0]): Record<string, string> {
  const out: Record<string, string> = {};
  (headers instanceof Headers ? headers : new Headers(headers)).forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/**
 * A whole 2xx answer, already in memory, with what the openai client reads of a response: its status,
 * headers (`get`, `has`, `entries`), and body as JSON or text, once. A WHATWG Response builds a body stream and a header list for
 * every call, which was a seventh of the LLM thread's CPU (docs/llm.md); error answers and event
 * streams still get a real one. The LLM tests drive the client over HTTP through it.
 */
class BufferedResponse {
  readonly ok = true;
  readonly body = null;
  readonly statusText: string;
  readonly headers: ResponseHeaders;
  #used = false;

  constructor(
    readonly status: number,
    readonly url: string,
    incoming: http.IncomingMessage,
    private readonly bytes: Buffer,
  ) {
    this.statusText = incoming.statusMessage ?? '';
    this.headers = new ResponseHeaders(incoming.headers);
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  text(): Promise<string> {
    if (this.#used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#used = true;
    return Promise.resolve(this.bytes.toString('utf8'));
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }
}

/** Node's parsed headers (names lower case, repeats joined) read the way `Headers` reads them. */
class ResponseHeaders {
  constructor(private readonly parsed: http.IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.parsed[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.parsed[name.toLowerCase()] !== undefined;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.parsed).sort()) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }
}

/** A WHATWG Response with the answer's status and headers: for event streams, errors and empty answers. */
function webResponse(
  body: Uint8Array | ReadableStream<Uint8Array> | null,
  status: number,
  incoming: http.IncomingMessage,
): Response {
  return new Response(body, {
    status,
    statusText: incoming.statusMessage ?? '',
    headers: responseHeaders(incoming),
  });
}

function responseHeaders(incoming: http.IncomingMessage): Headers {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}
