import { createHash, randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { IdempotencyRecord, IdempotencyStore } from '../../idempotency/index.js';
import type { AppEnv } from '../env.js';
import { IdempotencyInFlightError, IdempotencyKeyReusedError, ValidationError } from '../errors.js';

export interface IdempotencyOptions {
  /** How long a response is kept for retries. */
  ttlMs: number;
  /** How long a running request holds its key; longer than any request may take. */
  leaseMs: number;
}

const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Set on a response replayed from the first request with the same key. */
const REPLAYED_HEADER = 'idempotent-replayed';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/*
 * Kept: what the request decided (success, or a refusal of this very body). Not kept, so a retry runs
 * again: faults and refusals that a later try may not meet (409 busy, 429, 5xx), and event streams,
 * which cannot be replayed as they were sent.
 */
function keepable(response: Response): boolean {
  const { status } = response;
  if (status >= 500 || status === 409 || status === 429) return false;
  return (response.headers.get('content-type') ?? '').includes('application/json');
}

function conflict(record: IdempotencyRecord, fingerprint: string): Response | undefined {
  if (record.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
  if (record.state === 'pending') throw new IdempotencyInFlightError();
  const { response } = record;
  return new Response(response.body, {
    status: response.status,
    headers: { 'content-type': response.contentType, [REPLAYED_HEADER]: 'true' },
  });
}

/**
 * `Idempotency-Key` on a route: the first request with a key runs and its response is kept; a retry
 * with the same key and body gets that response again; the same key with another body is 422; a retry
 * while the first is still running is 409 (it retries later rather than holding a connection open for
 * as long as a query can take). Keys are scoped to the caller's credentials and to the route.
 */
export function idempotency(store: IdempotencyStore, options: IdempotencyOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (key === undefined) return next();
    if (!KEY_PATTERN.test(key))
      throw new ValidationError('header', [
        { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
      ]);
    const caller = sha256(c.req.header('authorization') ?? '');
    const scoped = `${caller}:${sha256(`${c.req.method} ${c.req.path}`)}:${sha256(key)}`;
    const fingerprint = sha256(await c.req.text());
    const token = randomUUID();
    const claim = await store.claim(scoped, fingerprint, token, options.leaseMs);
    if (!claim.claimed) return conflict(claim.record, fingerprint);

    try {
      await next();
    } catch (error) {
      await store.release(scoped, token);
      throw error;
    }
    const response = c.res;
    if (!keepable(response)) {
      await store.release(scoped, token);
      return;
    }
    const stored = {
      status: response.status,
      contentType: response.headers.get('content-type') ?? 'application/json',
      body: await response.clone().text(),
    };
    await store.complete(scoped, token, stored, options.ttlMs);
  };
}
