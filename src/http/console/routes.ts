import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../env.js';
import { NotFoundError } from '../errors.js';
import { createEventFeed } from '../event-feed.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses } from '../schemas.js';
import { sseFrame, writeFrames } from '../sse-frames.js';
import type { ConsoleAssets } from './assets.js';
import type { ConsoleFeed } from './console-feed.js';
import type { ConsoleRecorder } from './recorder.js';
import { ConsoleSnapshot } from './schemas.js';

/** Hashed names never change content: cache for a year. The page itself is revalidated every time. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const NO_CACHE = 'no-cache';
// Everything the page loads comes from this server; uPlot and Preact set styles through the CSSOM,
// which `style-src 'self'` allows.
const PAGE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface ConsoleDeps {
  recorder: ConsoleRecorder;
  feed: ConsoleFeed;
  assets: ConsoleAssets;
}

/**
 * The operator console, mounted beside the API as Bull Board mounts on a host server: the built page
 * under `/console`, and the two data routes made for it under `/v1/console` (the rest it reads from
 * the API itself). The data routes sit under /v1, so integrator keys guard them like every read.
 */
export function consoleRoutes(
  { desk, lifecycle }: RouteDeps,
  { recorder, feed, assets }: ConsoleDeps,
  hook: OpenAPIHono<AppEnv>['defaultHook'],
) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: hook });
  const snapshot = (): ConsoleSnapshot => ({ ...recorder.snapshot(), llm: desk.llmHealth() ?? null });

  const page = (): Response => {
    if (assets.index === undefined) {
      throw new NotFoundError('NOT_FOUND', 'the console is not built: run `npm run build`');
    }
    return new Response(assets.index, {
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': NO_CACHE,
        'Content-Security-Policy': PAGE_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      },
    });
  };
  app.get('/console', page);
  app.get('/console/', page);
  app.get('/console/assets/:name', (c) => {
    const name = c.req.param('name');
    const asset = assets.asset(name);
    if (!asset) throw new NotFoundError('NOT_FOUND', `no console asset ${name}`);
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': asset.type,
      'Cache-Control': IMMUTABLE,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  const traffic = createRoute({
    method: 'get',
    path: '/v1/console/traffic',
    operationId: 'getConsoleTraffic',
    tags: ['Console'],
    summary: 'The last minutes of traffic, second by second, the latest answered queries and the LLM client',
    responses: {
      200: {
        description: 'The console snapshot',
        content: { 'application/json': { schema: ConsoleSnapshot } },
      },
      ...errorResponses(401),
    },
  });
  app.openapi(traffic, (c) => c.json(snapshot(), 200));

  const stream = createRoute({
    method: 'get',
    path: '/v1/console/stream',
    operationId: 'streamConsole',
    tags: ['Console'],
    summary: 'The console feed as SSE: a `snapshot` event, then a `tick` every second',
    description:
      'A tick holds the seconds that ended since the last one and the queries answered meanwhile. ' +
      'One timer serves every open feed, and none runs while nobody watches.',
    responses: {
      200: { description: 'Event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
      ...errorResponses(401),
    },
  });
  app.openapi(stream, (c) =>
    streamSSE(c, async (sse) => {
      const frames = createEventFeed<string>();
      const unsubscribe = feed.subscribe((frame) => frames.push(frame));
      const unregister = lifecycle.onClose(() => frames.end());
      sse.onAbort(() => frames.end());
      try {
        await sse.write(sseFrame('snapshot', { type: 'snapshot', ...snapshot() }));
        await writeFrames(sse, frames);
      } finally {
        unsubscribe();
        unregister();
      }
    }),
  );

  return app;
}
