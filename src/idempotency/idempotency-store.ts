import { z } from 'zod';

/** The first response to a keyed request, as replayed to a retry of it. */
export const StoredResponse = z.object({
  status: z.number().int(),
  contentType: z.string(),
  body: z.string(),
});
export type StoredResponse = z.infer<typeof StoredResponse>;

/** One key's record: claimed by a request still running, or done with its response. */
export const IdempotencyRecord = z.discriminatedUnion('state', [
  z.object({
    schemaVersion: z.literal(1),
    state: z.literal('pending'),
    fingerprint: z.string(),
    /** Which claim this is, so a claim that outlived its lease cannot complete a newer one. */
    token: z.string(),
  }),
  z.object({
    schemaVersion: z.literal(1),
    state: z.literal('done'),
    fingerprint: z.string(),
    response: StoredResponse,
  }),
]);
export type IdempotencyRecord = z.infer<typeof IdempotencyRecord>;

/** What `claim` found: the key was free (the caller runs the request), or its record. */
type ClaimResult = { claimed: true } | { claimed: false; record: IdempotencyRecord };

/**
 * Keys of requests that must take effect once. A claim is a lease (`leaseMs`): a process that dies
 * mid-request frees the key when the lease ends instead of locking it for the whole retention.
 */
export interface IdempotencyStore {
  /** Takes `key` for a request with `fingerprint` unless a record exists; atomic across processes. */
  claim(key: string, fingerprint: string, token: string, leaseMs: number): Promise<ClaimResult>;
  /** Keeps the response for `ttlMs`, if `token` still holds the claim. */
  complete(key: string, token: string, response: StoredResponse, ttlMs: number): Promise<void>;
  /** Frees the key (the response is not to be kept), if `token` still holds the claim. */
  release(key: string, token: string): Promise<void>;
  close(): Promise<void>;
}
