import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/** What the fake answers to one request; `text` streams when the request asked for `stream: true`. */
export type FakeReply = { delayMs?: number; waitFor?: Promise<void> } & (
  | {
      kind: 'text';
      text: string;
      /** Explicit stream chunks (default: the text split into words with their trailing spaces). */
      tokens?: string[];
      tokenDelayMs?: number;
      /** Streams only this many tokens, then destroys the connection: a server dying mid-answer. */
      dropAfterTokens?: number;
      /** `null` sends no usage at all, as some local servers do. */
      usage?: { prompt_tokens: number; completion_tokens: number } | null;
    }
  | { kind: 'json'; value: unknown }
  /** Function calls instead of text; `arguments` is sent as given (JSON text, valid or not). */
  | { kind: 'tool_calls'; calls: Array<{ name: string; arguments: string; id?: string }> }
  | { kind: 'status'; status: number; retryAfter?: string; retryAfterMs?: number; message?: string }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  | { kind: 'empty' }
  | { kind: 'drop' }
);

export type FakeHandler = (request: FakeLlmRequest) => FakeReply | Promise<FakeReply>;

/** A function call as the wire carries it, in an assistant message or a completion. */
const WireToolCall = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});
type WireToolCall = z.infer<typeof WireToolCall>;

const Message = z.object({
  role: z.string(),
  content: z.union([z.string(), z.array(z.unknown()), z.null()]).optional(),
  tool_call_id: z.string().optional(),
  tool_calls: z.array(WireToolCall).optional(),
});

const Tool = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string(),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  }),
});

const ChatRequest = z.object({
  model: z.string(),
  messages: z.array(Message).min(1),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  tools: z.array(Tool).optional(),
  response_format: z
    .object({
      type: z.string(),
      json_schema: z.object({ name: z.string(), schema: z.record(z.string(), z.unknown()) }).optional(),
    })
    .optional(),
});
export type FakeLlmRequest = z.infer<typeof ChatRequest>;

export interface FakeLlmCall {
  index: number;
  /** `performance.now()` when the request arrived. */
  at: number;
  request: FakeLlmRequest;
  authorization: string | undefined;
}

export interface FakeLlmOptions {
  /** Answer when the script is empty; default: an echo-free canned text, or a schema-shaped JSON. */
  fallback?: FakeReply | FakeHandler;
}

const DROP_GRACE_MS = 30;
const DEFAULT_TEXT = 'This is a scripted answer from the fake LLM.';

/**
 * A local chat-completions server for tests and benchmarks: scripted replies in order, then a
 * default; every request is logged with its messages so tests can assert what reached the prompt.
 */
export class FakeLlm {
  readonly calls: FakeLlmCall[] = [];
  #server: Server | undefined;
  #script: Array<FakeReply | FakeHandler> = [];
  #fallback: FakeReply | FakeHandler;
  #inFlight = 0;
  #maxInFlight = 0;
  #callWaiters: Array<{ count: number; resolve: () => void }> = [];

  constructor(options: FakeLlmOptions = {}) {
    this.#fallback = options.fallback ?? defaultReply;
  }

  /** The base URL to give the OpenAI client, e.g. `http://127.0.0.1:43117/v1`. */
  get baseURL(): string {
    if (!this.#server) throw new Error('fake LLM is not started');
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1`;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** The most requests that were open at the same time since start (or `resetStats`). */
  get maxInFlight(): number {
    return this.#maxInFlight;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Replies used once each, in order, before the default. */
  enqueue(...replies: Array<FakeReply | FakeHandler>): this {
    this.#script.push(...replies);
    return this;
  }

  setDefault(reply: FakeReply | FakeHandler): this {
    this.#fallback = reply;
    return this;
  }

  /** Forgets the call log and any unused scripted replies. */
  reset(): void {
    this.#script.length = 0;
    this.calls.length = 0;
    this.#maxInFlight = this.#inFlight;
  }

  /** Resolves once `count` requests in total have arrived: a signal to act on instead of sleeping. */
  waitForCalls(count: number): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#callWaiters.push({ count, resolve }));
  }

  /** Every message content that reached the server, joined: what a test greps the prompts in. */
  promptText(): string {
    return this.calls
      .flatMap((call) => call.request.messages.map((message) => JSON.stringify(message.content ?? '')))
      .join('\n');
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.#inFlight += 1;
    this.#maxInFlight = Math.max(this.#maxInFlight, this.#inFlight);
    res.on('close', () => {
      this.#inFlight -= 1;
    });
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      sendJson(res, 404, { error: { message: 'not found', type: 'invalid_request_error' } });
      return;
    }
    const parsed = ChatRequest.safeParse(await readJson(req));
    if (!parsed.success) {
      sendJson(res, 400, { error: { message: parsed.error.message, type: 'invalid_request_error' } });
      return;
    }
    const request = parsed.data;
    this.calls.push({
      index: this.calls.length,
      at: performance.now(),
      request,
      authorization: req.headers.authorization,
    });
    this.#notifyWaiters();
    const next = this.#script.shift() ?? this.#fallback;
    const reply = typeof next === 'function' ? await next(request) : next;
    if (reply.waitFor) await reply.waitFor;
    if (reply.delayMs) await delay(reply.delayMs);
    if (res.destroyed) return;
    await respond(reply, request, res);
  }

  #notifyWaiters(): void {
    this.#callWaiters = this.#callWaiters.filter((waiter) => {
      if (this.calls.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  }
}

async function respond(reply: FakeReply, request: FakeLlmRequest, res: ServerResponse): Promise<void> {
  switch (reply.kind) {
    case 'text':
      if (request.stream) await streamText(reply, request, res);
      else sendJson(res, 200, completion(request, reply.text, reply.usage));
      return;
    case 'json':
      sendJson(res, 200, completion(request, JSON.stringify(reply.value), undefined));
      return;
    case 'tool_calls': {
      const calls = reply.calls.map((call, index) => ({
        id: call.id ?? `call_fake_${index}`,
        type: 'function' as const,
        function: { name: call.name, arguments: call.arguments },
      }));
      if (request.stream) await streamToolCalls(calls, request, res);
      else sendJson(res, 200, completion(request, null, undefined, calls));
      return;
    }
    case 'empty':
      if (request.stream) await streamText({ kind: 'text', text: '', tokens: [] }, request, res);
      else sendJson(res, 200, completion(request, '', undefined));
      return;
    case 'status': {
      const headers: Record<string, string> = {};
      if (reply.retryAfter !== undefined) headers['retry-after'] = reply.retryAfter;
      if (reply.retryAfterMs !== undefined) headers['retry-after-ms'] = String(reply.retryAfterMs);
      const message = reply.message ?? `scripted status ${reply.status}`;
      sendJson(res, reply.status, { error: { message, type: 'server_error' } }, headers);
      return;
    }
    case 'malformed':
      res.writeHead(200, { 'content-type': request.stream ? 'text/event-stream' : 'application/json' });
      res.end(request.stream ? 'data: {"choices": [{"delta": \n\n' : '{"choices": [');
      return;
    case 'hang':
      // Never answers; the client's abort (or `stop()`) closes the socket.
      return;
    case 'drop':
      res.socket?.destroy();
      return;
    default: {
      const unknown: never = reply;
      throw new Error(`unknown fake reply ${JSON.stringify(unknown)}`);
    }
  }
}

/** Starts an event stream; the function it gives sends one `data:` frame. */
function openEventStream(res: ServerResponse): (payload: unknown) => void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  return (payload) => {
    res.write(`data: ${JSON.stringify(payload)}\n\n`);
  };
}

async function streamText(
  reply: Extract<FakeReply, { kind: 'text' }>,
  request: FakeLlmRequest,
  res: ServerResponse,
): Promise<void> {
  const send = openEventStream(res);
  const tokens = reply.tokens ?? reply.text.match(/\S+\s*|\s+/g) ?? [];
  send(chunk(request, { role: 'assistant', content: '' }, null));
  for (const [index, token] of tokens.entries()) {
    if (reply.tokenDelayMs) await delay(reply.tokenDelayMs);
    if (index === reply.dropAfterTokens) {
      // Give the client time to read what was sent, so the cut lands mid-answer rather than before it.
      await delay(DROP_GRACE_MS);
      res.socket?.destroy();
    }
    if (res.destroyed) return;
    send(chunk(request, { content: token }, null));
  }
  send(chunk(request, {}, 'stop'));
  if (request.stream_options?.include_usage && reply.usage !== null) {
    send({
      ...chunk(request, {}, null),
      choices: [],
      usage: reply.usage ?? usageFor(request, tokens.join('')),
    });
  }
  res.end('data: [DONE]\n\n');
}

/** As OpenAI streams calls: each call's id and name first, then its arguments in two fragments. */
async function streamToolCalls(
  calls: WireToolCall[],
  request: FakeLlmRequest,
  res: ServerResponse,
): Promise<void> {
  const send = openEventStream(res);
  send(chunk(request, { role: 'assistant', content: null }, null));
  for (const [index, call] of calls.entries()) {
    const { name, arguments: args } = call.function;
    const half = Math.ceil(args.length / 2);
    send(
      chunk(
        request,
        { tool_calls: [{ index, id: call.id, type: 'function', function: { name, arguments: '' } }] },
        null,
      ),
    );
    for (const part of [args.slice(0, half), args.slice(half)]) {
      send(chunk(request, { tool_calls: [{ index, function: { arguments: part } }] }, null));
    }
  }
  send(chunk(request, {}, 'tool_calls'));
  if (request.stream_options?.include_usage) {
    send({ ...chunk(request, {}, null), choices: [], usage: usageFor(request, JSON.stringify(calls)) });
  }
  res.end('data: [DONE]\n\n');
}

function chunk(request: FakeLlmRequest, delta: Record<string, unknown>, finishReason: string | null) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

function completion(
  request: FakeLlmRequest,
  text: string | null,
  usage: { prompt_tokens: number; completion_tokens: number } | null | undefined,
  toolCalls?: WireToolCall[],
) {
  const message = { role: 'assistant', content: text, ...(toolCalls ? { tool_calls: toolCalls } : {}) };
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [{ index: 0, message, finish_reason: toolCalls ? 'tool_calls' : 'stop' }],
    ...(usage === null ? {} : { usage: usage ?? usageFor(request, text ?? JSON.stringify(toolCalls)) }),
  };
}

function usageFor(request: FakeLlmRequest, text: string) {
  const promptChars = request.messages.reduce(
    (sum, message) => sum + JSON.stringify(message.content ?? '').length,
    0,
  );
  const prompt_tokens = Math.ceil(promptChars / 4);
  const completion_tokens = Math.ceil(text.length / 4);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

/** Text for plain requests; for JSON-schema requests, the first value the schema allows. */
export function defaultReply(request: FakeLlmRequest): FakeReply {
  const schema = request.response_format?.json_schema?.schema;
  return schema ? { kind: 'json', value: sampleOf(schema) } : { kind: 'text', text: DEFAULT_TEXT };
}

/** The first value a JSON schema allows, so a structured-output request gets an answer that parses. */
export function sampleOf(schema: unknown): unknown {
  const node = (typeof schema === 'object' && schema !== null ? schema : {}) as Record<string, unknown>;
  if (Array.isArray(node.enum)) return node.enum[0];
  if (typeof node.const !== 'undefined') return node.const;
  if (Array.isArray(node.anyOf)) return sampleOf(node.anyOf[0]);
  switch (node.type) {
    case 'object': {
      const properties = (node.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, sampleOf(value)]));
    }
    case 'array':
      return [];
    case 'number':
    case 'integer':
      return typeof node.maximum === 'number' ? node.maximum : 1;
    case 'boolean':
      return true;
    default:
      return 'ok';
  }
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** The request body as JSON, or undefined when it is not JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch {
    return undefined;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
