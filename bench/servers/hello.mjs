// The edge floors: bare Hono routes on @hono/node-server, nothing else. `GET /hello` answers a small
// JSON; `POST /v1/queries` does for the pipeline's request what a bare Hono app would (parse the JSON
// body, answer with a result the size of a real one, STAND_IN_RESULT), without validation, limits,
// request ids, logs or metrics.
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const result = JSON.parse(process.env.STAND_IN_RESULT ?? '{"parts":[{}]}');
const app = new Hono();
app.get('/healthz', (c) => c.json({ status: 'ok' }));
app.get('/hello', (c) => c.json({ hello: 'world' }));
app.post('/v1/queries', async (c) => {
  const query = await c.req.json();
  return c.json({
    ...result,
    queryId: randomUUID(),
    conversationId: randomUUID(),
    customerId: query.customerId,
    parts: [{ ...result.parts[0], text: query.message }],
    createdAt: new Date().toISOString(),
  });
});
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
