// The bench's LLM: the shared scripted fake (src/testing) in a process of its own, apart from the server
// under test and the load generator, so its CPU is neither's. Every answer comes after
// FAKE_LLM_DELAY_MS (default 300) and streams FAKE_LLM_TOKENS (default 20) tokens. FAKE_LLM_JITTER (0 to 1,
// default 0) spreads each call's delay uniformly over that share either side of it, as a real model's
// latency varies; with none, clients in a closed loop stay in step.
//
// PORT serves GET /healthz, whose `baseURL` is the fake's own endpoint: a server under test talks to it
// directly, with no hop in between. GET /stats tells (and clears) the most requests open at once and the
// count of requests that came through PORT. PORT also serves /v1/chat/completions for the peer frameworks: a
// request offering a `transfer_to_*` tool, with no tool result yet, is answered with that tool call
// (the handoff), and every other request is passed on to the fake.
import {
  createServer,
  request as httpRequest,
  Agent,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { FakeLlm, readJson, sampleOf, type FakeLlmRequest, type FakeReply } from '../../src/testing/index.js';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  FAKE_LLM_DELAY_MS: z.coerce.number().int().nonnegative().default(300),
  FAKE_LLM_TOKENS: z.coerce.number().int().positive().default(20),
  FAKE_LLM_TOKEN_DELAY_MS: z.coerce.number().int().nonnegative().default(0),
  FAKE_LLM_JITTER: z.coerce.number().min(0).max(1).default(0),
});
const env = Env.parse(process.env);

const WORDS =
  'Your duplicate charge has been found and the refund of it is on its way to your card within five working days'.split(
    ' ',
  );
const TOKENS = Array.from({ length: env.FAKE_LLM_TOKENS }, (_, i) => `${WORDS[i % WORDS.length]!} `);

function delayMs(): number {
  return Math.round(env.FAKE_LLM_DELAY_MS * (1 + env.FAKE_LLM_JITTER * (2 * Math.random() - 1)));
}

function reply(request: FakeLlmRequest): FakeReply {
  const schema = request.response_format?.json_schema?.schema;
  if (schema) return { kind: 'json', value: sampleOf(schema), delayMs: delayMs() };
  return {
    kind: 'text',
    text: TOKENS.join(''),
    tokens: TOKENS,
    delayMs: delayMs(),
    ...(env.FAKE_LLM_TOKEN_DELAY_MS > 0 ? { tokenDelayMs: env.FAKE_LLM_TOKEN_DELAY_MS } : {}),
  };
}

// Loose: what is not read here (response_format, temperature, ...) is relayed to the fake untouched.
const PeerRequest = z.looseObject({
  model: z.string().default('bench'),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  tools: z.array(z.object({ function: z.object({ name: z.string() }).optional() })).nullish(),
  messages: z.array(z.looseObject({ role: z.string(), content: z.unknown().optional() })),
});
type PeerRequest = z.infer<typeof PeerRequest>;

function handoffTool(request: PeerRequest): string | undefined {
  if (request.messages.some((message) => message.role === 'tool')) return undefined;
  return request.tools?.map((tool) => tool.function?.name).find((name) => name?.startsWith('transfer_to_'));
}

function sendToolCall(request: PeerRequest, name: string, res: ServerResponse): void {
  const created = Math.floor(Date.now() / 1000);
  const unique = randomUUID();
  const call = { id: `call_${unique}`, type: 'function', function: { name, arguments: '{}' } };
  const usage = { prompt_tokens: 50, completion_tokens: 5, total_tokens: 55 };
  // An id of its own: LangGraph merges messages that share one, and the fake's text answers all use the same.
  const base = { id: `chatcmpl-${unique}`, created, model: request.model };
  if (!request.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        ...base,
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: null, tool_calls: [call] },
            finish_reason: 'tool_calls',
          },
        ],
        usage,
      }),
    );
    return;
  }
  const frame = (choices: unknown[], extra: Record<string, unknown> = {}): string =>
    `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices, ...extra })}\n\n`;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(
    frame([
      {
        index: 0,
        delta: {
          role: 'assistant',
          content: null,
          tool_calls: [{ index: 0, ...call, function: { name, arguments: '' } }],
        },
        finish_reason: null,
      },
    ]),
  );
  res.write(
    frame([
      { index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{}' } }] }, finish_reason: null },
    ]),
  );
  res.write(frame([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]));
  if (request.stream_options?.include_usage) res.write(frame([], { usage }));
  res.end('data: [DONE]\n\n');
}

const fake = await new FakeLlm({ fallback: reply }).start();
const upstream = new URL(fake.baseURL);
let peakInFlight = 0;
let peerRequests = 0;
// The fake logs every call for tests; a bench sends hundreds of thousands, so the log is dropped as it fills.
const forgetCalls = setInterval(() => {
  peakInFlight = Math.max(peakInFlight, fake.maxInFlight);
  fake.reset();
}, 1000);
const keepAlive = new Agent({ keepAlive: true, maxSockets: 2048 });

/** Relays a peer request to the fake, with `content` made explicit: some clients leave it out on tool-call turns. */
function relay(request: PeerRequest, res: ServerResponse): void {
  const messages = request.messages.map((message) => ({ ...message, content: message.content ?? null }));
  const body = JSON.stringify({ ...request, messages });
  const outgoing = httpRequest(
    {
      host: upstream.hostname,
      port: upstream.port,
      path: `${upstream.pathname}/chat/completions`,
      method: 'POST',
      agent: keepAlive,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  outgoing.on('error', () => res.destroy());
  res.on('close', () => outgoing.destroy());
  outgoing.end(body);
}

// Control calls come seconds apart; a kept-alive socket the server closes in between would fail the next one.
const CONTROL_HEADERS = { 'content-type': 'application/json', connection: 'close' };

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200, CONTROL_HEADERS);
    res.end(JSON.stringify({ status: 'ok', baseURL: fake.baseURL }));
    return;
  }
  if (req.method === 'GET' && req.url === '/stats') {
    // Read and cleared, so each load run sees the most LLM requests that were open during it.
    const stats = { peakInFlight: Math.max(peakInFlight, fake.maxInFlight), peerRequests };
    peakInFlight = 0;
    peerRequests = 0;
    fake.reset();
    res.writeHead(200, CONTROL_HEADERS);
    res.end(JSON.stringify(stats));
    return;
  }
  if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
    return;
  }
  peerRequests += 1;
  const parsed = PeerRequest.safeParse(await readJson(req));
  if (!parsed.success) {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: parsed.error.message, type: 'invalid_request_error' } }));
    return;
  }
  const tool = handoffTool(parsed.data);
  if (tool === undefined) return relay(parsed.data, res);
  await sleep(env.FAKE_LLM_DELAY_MS);
  if (!res.destroyed) sendToolCall(parsed.data, tool, res);
}

const server = createServer((req, res) => void handle(req, res));
server.listen(env.PORT, '127.0.0.1');

async function shutdown(): Promise<void> {
  clearInterval(forgetCalls);
  server.closeAllConnections();
  server.close();
  keepAlive.destroy();
  await fake.stop();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
