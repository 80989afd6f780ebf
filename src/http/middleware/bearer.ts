import { createHash, timingSafeEqual } from 'node:crypto';

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Constant-time membership: digests make every comparison equal-length, and every candidate is compared
 * so the time does not reveal which key (or how much of one) matched.
 */
export function matchesAny(token: string, candidates: readonly string[]): boolean {
  const presented = digest(token);
  let found = false;
  for (const candidate of candidates) {
    if (timingSafeEqual(presented, digest(candidate))) found = true;
  }
  return found;
}
