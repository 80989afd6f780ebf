import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { StreamEvent } from '../../domain/query.js';
import type { AppEnv } from '../env.js';
import { toFieldIssues } from '../error-handler.js';
import { ValidationError } from '../errors.js';
import { errorEvent, isProgress } from '../query-run.js';
import type { RouteDeps } from '../route-deps.js';
import { STREAM_EVENT_REF, errorResponses } from '../schemas.js';
import { parseWsFrame, wsMessage } from '../ws-frame.js';

/**
 * Frames waiting for their turn on one socket, the one being answered included. Beyond it the client
 * is not reading its answers or is flooding: the socket is closed (1008) rather than holding an
 * unbounded queue of up to body-limit-sized frames in memory. Frames already taken are still answered.
 */
export const MAX_PENDING_FRAMES = 256;

/** The upgrade request's query; an empty `conversationId` is none. */
const WsQuery = z.object({
  customerId: z.string().trim().min(1).max(128),
  conversationId: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.string().trim().max(128).optional(),
  ),
});

const send = (ws: WSContext, event: StreamEvent) => {
  if (ws.readyState === 1) ws.send(JSON.stringify(event));
};

/**
 * `GET /v1/ws?customerId=...`: each text frame is a message; the same StreamEvent objects as SSE come
 * back as JSON frames. Frames are answered one after another, so a socket is one conversation (the
 * first answer's, unless `conversationId` is given) and its events never interleave. A bad frame gets
 * an `error` frame; the socket stays open. Every frame is a query and draws on the same rate limit as
 * the HTTP requests of its key or address, counted when it arrives, so a flood is refused at once
 * instead of queueing on the socket; the refusal still comes back in the frame's turn.
 */
export function websocketRoutes(
  { desk, lifecycle, options, limiter }: RouteDeps,
  upgradeWebSocket: UpgradeWebSocket,
) {
  const app = new OpenAPIHono<AppEnv>();
  const frameSchema = wsMessage(options.messageMaxLength);
  app.openAPIRegistry.register('WsMessage', frameSchema);
  // Upgrades are served by the handler below, not by `app.openapi`: this only describes them.
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/v1/ws',
    operationId: 'openWebSocket',
    tags: ['Queries'],
    summary: 'Open a WebSocket: one text frame per customer message, stream events back',
    description:
      'Each text frame is a message: JSON `WsMessage` when it parses as one, else the plain text. The same ' +
      '`StreamEvent` objects as SSE come back as JSON text frames. A refused upgrade is an `Error` JSON body ' +
      'with its status. Frames are answered in order, in one conversation, and draw on ' +
      `the rate limit; a frame over the body limit closes the socket with 1009, more than ${MAX_PENDING_FRAMES} ` +
      'frames waiting for their answers with 1008.',
    request: { query: WsQuery },
    // OpenAPI has no words for WebSocket frames: these name their schemas for readers and generators.
    'x-websocket-frames': {
      client: { $ref: '#/components/schemas/WsMessage' },
      server: STREAM_EVENT_REF,
    },
    responses: {
      101: { description: 'Switching to the WebSocket protocol' },
      ...errorResponses(400, 401, 429, 503),
    },
  });
  app.get(
    '/v1/ws',
    // Runs before the upgrade: what it throws is answered as an HTTP error instead of a socket.
    upgradeWebSocket((c) => {
      const query = WsQuery.safeParse(c.req.query());
      if (!query.success) throw new ValidationError('query', toFieldIssues(query.error));
      lifecycle.assertAccepting();
      const { customerId } = query.data;
      let { conversationId } = query.data;
      let queue: Promise<void> = Promise.resolve();
      let pending = 0;
      let unregister: (() => void) | undefined;
      // Frames carry no headers: the key (integrator key or address) is the upgrade request's.
      const rateKey = limiter?.keyOf(c);

      const answer = async (data: unknown, ws: WSContext) => {
        try {
          const frame = parseWsFrame(data, frameSchema);
          lifecycle.assertAccepting();
          const result = await lifecycle.track(
            desk.submit(
              {
                customerId,
                message: frame.message,
                conversationId: frame.conversationId ?? conversationId,
                channel: 'websocket',
              },
              { onEvent: (event) => isProgress(event) && send(ws, event) },
            ),
          );
          conversationId ??= result.conversationId;
          send(ws, { type: 'done', queryId: result.queryId, result });
        } catch (error) {
          send(ws, errorEvent(error));
        }
      };

      return {
        onOpen: (_event, ws) => {
          unregister = lifecycle.onClose(() => ws.close(1001, 'server shutting down'));
        },
        onMessage: (event, ws) => {
          if (pending >= MAX_PENDING_FRAMES) {
            ws.close(1008, 'too many frames waiting for an answer');
            return;
          }
          let refusal: unknown;
          try {
            if (rateKey !== undefined) limiter?.take(rateKey);
          } catch (error) {
            refusal = error;
          }
          pending++;
          queue = queue
            .then(() => (refusal === undefined ? answer(event.data, ws) : send(ws, errorEvent(refusal))))
            .then(() => {
              pending--;
            });
        },
        onClose: () => unregister?.(),
      };
    }),
  );
  return app;
}
