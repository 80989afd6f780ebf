import type { Desk } from '../desk/index.js';
import type { QueryInput, QueryResult, StreamEvent } from '../domain/query.js';
import { mapError } from './error-status.js';
import { createEventFeed, type EventFeed } from './event-feed.js';
import type { Lifecycle } from './lifecycle.js';

export interface QueryRun {
  /** routed, handoff, token..., then exactly one done or error. */
  events: EventFeed<StreamEvent>;
  result: Promise<QueryResult>;
}

/** The error frame clients see: the same code and message as the JSON error body. */
export function errorEvent(error: unknown, queryId?: string): StreamEvent {
  return { type: 'error', ...(queryId === undefined ? {} : { queryId }), error: mapError(error).body };
}

/**
 * Progress events only: the desk may also report `done`/`error` through `onEvent`, but the edge emits
 * those itself from the submit's outcome, so each stream ends with exactly one of them.
 */
export function isProgress(event: StreamEvent): boolean {
  return event.type !== 'done' && event.type !== 'error';
}

/**
 * Submits a query whose progress is streamed. The desk gets no abort signal on purpose: once accepted,
 * a query completes and is stored even if the client goes away, and shutdown waits for it.
 */
export function runQuery(desk: Desk, lifecycle: Lifecycle, input: QueryInput): QueryRun {
  lifecycle.assertAccepting();
  const events = createEventFeed<StreamEvent>();
  let queryId: string | undefined;
  const result = lifecycle.track(
    desk.submit(input, {
      onEvent: (event) => {
        if (!isProgress(event)) return;
        queryId = event.queryId ?? queryId;
        events.push(event);
      },
    }),
  );
  result.then(
    (done) => {
      events.push({ type: 'done', queryId: done.queryId, result: done });
      events.end();
    },
    (error: unknown) => {
      events.push(errorEvent(error, queryId));
      events.end();
    },
  );
  return { events, result };
}
