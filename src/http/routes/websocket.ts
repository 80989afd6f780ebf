import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { WebSocket } from 'ws';
import { Id } from '../../domain/id.js';
import type { StreamEvent } from '../../domain/query.js';
import { requireScope, requireSelf } from '../access.js';
import type { AppEnv } from '../env.js';
import { toFieldIssues } from '../error-handler.js';
import { UpgradeRequiredError, ValidationError } from '../errors.js';
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
const WsQuery = z
  .object({
    customerId: Id,
    conversationId: z.preprocess((value) => (value === '' ? undefined : value), Id.optional()),
    /** The bearer token, for browsers, which cannot set headers on an upgrade. */
    access_token: z.string().optional(),
  })
  .strict();

type Socket = WSContext<WebSocket>;

const send = (ws: Socket, event: StreamEvent) => {
  if (ws.readyState === 1) ws.send(JSON.stringify(event));
};

/** How often a paused socket is looked at to see whether its client caught up. */
const DRAIN_CHECK_MS = 50;

/**
 * Back-pressure for one socket. Answers already written but not read by the client sit in the
 * socket's buffers, which the frame limit does not see: a client that sends and never reads would
 * make them grow without bound. Past `limitBytes` the socket stops being read (its frames wait in the
 * client's kernel buffers, not here); once the client has read half of it, reading resumes; if it
 * stays over for `stallMs`, the socket is closed with 1008.
 */
function watchBuffered(ws: Socket, limitBytes: number, stallMs: number, onStalled: () => void) {
  let check: NodeJS.Timeout | undefined;
  let stalledAt = 0;
  const stop = () => {
    clearInterval(check);
    check = undefined;
  };
  return {
    afterSend(now: number) {
      const raw = ws.raw;
      if (check !== undefined || !raw || raw.bufferedAmount <= limitBytes) return;
      raw.pause();
      stalledAt = now;
      check = setInterval(() => {
        if (raw.readyState !== 1) return stop();
        if (raw.bufferedAmount <= limitBytes / 2) {
          stop();
          raw.resume();
        } else if (Date.now() - stalledAt >= stallMs) {
          stop();
          onStalled();
        }
      }, DRAIN_CHECK_MS);
    },
    stop,
  };
}

/**
 * `GET /v1/ws?customerId=...`: each text frame is a message; the same StreamEvent objects as SSE come
 * back as JSON frames. Frames are answered one after another, so a socket is one conversation (the
 * first answer's, unless `conversationId` is given) and its events never interleave. A bad frame gets
 * an `error` frame; the socket stays open. Every frame is a query and draws on the same rate limit as
 * the HTTP requests of its key or address, counted when it arrives, so a flood is refused at once
 * instead of queueing on the socket; the refusal still comes back in the frame's turn.
 */
export function websocketRoutes(
  { desk, lifecycle, options, limiter, logger }: RouteDeps,
  upgradeWebSocket: UpgradeWebSocket<WebSocket>,
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
      ...errorResponses(426),
    },
  });
  app.get(
    '/v1/ws',
    async (c, next) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new UpgradeRequiredError();
      await next();
    },
    // Runs before the upgrade: what it throws is answered as an HTTP error instead of a socket.
    upgradeWebSocket((c) => {
      const query = WsQuery.safeParse(c.req.query());
      if (!query.success) throw new ValidationError('query', toFieldIssues(query.error));
      lifecycle.assertAccepting();
      const { customerId } = query.data;
      requireScope(c, 'queries', true);
      requireSelf(c, customerId);
      let { conversationId } = query.data;
      let queue: Promise<void> = Promise.resolve();
      let pending = 0;
      let unregister: (() => void) | undefined;
      // Frames carry no headers: the key (integrator key or address) is the upgrade request's.
      const rateKey = limiter?.keyOf(c);

      const requestId = c.get('requestId');
      let pressure: ReturnType<typeof watchBuffered> | undefined;
      const emit = (ws: Socket, event: StreamEvent) => {
        send(ws, event);
        pressure?.afterSend(Date.now());
      };

      const answer = async (data: unknown, ws: Socket) => {
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
              { onEvent: (event) => isProgress(event) && emit(ws, event) },
            ),
          );
          conversationId ??= result.conversationId;
          emit(ws, { type: 'done', queryId: result.queryId, result });
        } catch (error) {
          emit(ws, errorEvent(error));
        }
      };

      return {
        onOpen: (_event, ws) => {
          unregister = lifecycle.onClose(() => ws.close(1001, 'server shutting down'));
          pressure = watchBuffered(ws, options.wsBufferLimitBytes, options.wsStallTimeoutMs, () => {
            logger.info(
              { requestId, bufferedBytes: ws.raw?.bufferedAmount },
              'websocket closed: its client does not read',
            );
            // The close frame waits behind the unread answers; reading again lets the client's reply
            // finish the handshake (frames arriving meanwhile are ignored), and `ws` drops the
            // connection if no reply comes within its close timeout (30 s).
            ws.close(1008, 'answers are not being read');
            ws.raw?.resume();
          });
        },
        onMessage: (event, ws) => {
          if (ws.readyState !== 1) return;
          if (pending >= MAX_PENDING_FRAMES) {
            ws.close(1008, 'too many frames waiting for an answer');
            return;
          }
          // Counted as the frame arrives; the refusal, if any, is answered in the frame's turn.
          const refusal: Promise<unknown> =
            rateKey !== undefined && limiter
              ? limiter.take(rateKey).then(
                  () => undefined,
                  (error: unknown) => error,
                )
              : Promise.resolve(undefined);
          pending++;
          queue = queue
            .then(async () => {
              const refused = await refusal;
              if (refused === undefined) await answer(event.data, ws);
              else emit(ws, errorEvent(refused));
            })
            .then(() => {
              pending--;
            });
        },
        onClose: () => {
          unregister?.();
          pressure?.stop();
        },
      };
    }),
  );
  return app;
}
