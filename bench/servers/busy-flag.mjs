// The design swarmdesk started from, kept only as a benchmark baseline: one agent per department,
// each with a busy flag, and a query whose agent is busy is refused. It calls the same LLM server.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, apiKey: 'bench', maxRetries: 0 });
const agents = { technical: { busy: false }, billing: { busy: false }, general: { busy: false } };
const departmentOf = (text) =>
  /faktur|invoice|charge|refund|platb|payment/i.test(text)
    ? 'billing'
    : /crash|login|přihláš|prihlas|error|sync/i.test(text)
      ? 'technical'
      : 'general';

const app = new Hono();
app.get('/healthz', (c) => c.json({ status: 'ok' }));
app.post('/v1/queries', async (c) => {
  const { message } = await c.req.json();
  const agent = agents[departmentOf(message)];
  if (agent.busy) return c.json({ error: { code: 'AGENT_BUSY', message: 'agent is busy' } }, 503);
  agent.busy = true;
  try {
    const started = performance.now();
    const stream = await client.chat.completions.create({
      model: 'bench',
      stream: true,
      messages: [{ role: 'user', content: message }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    const llmMs = performance.now() - started;
    return c.json({ response: text, timings: { totalMs: performance.now() - started, llmMs } });
  } finally {
    agent.busy = false;
  }
});
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
