import { InvalidOptionsError } from '../runtime/index.js';
import type { ActionSpec } from './action-spec.js';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The declared origin of an action's URL; the template may not put a `{param}` in it. */
export function declaredOrigin(name: string, spec: ActionSpec): string {
  const origin = new URL(spec.url.replace(PLACEHOLDER, 'x')).origin;
  if (!spec.url.startsWith(origin))
    throw new InvalidOptionsError(
      `action ${name}: {parameters} may only be in the URL's path, not its host`,
      {
        option: `actions.${name}.url`,
      },
    );
  return origin;
}

/** Names the URL template fills from the arguments. */
function pathParameters(spec: ActionSpec): Set<string> {
  return new Set([...spec.url.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''));
}

export interface PlannedRequest {
  url: string;
  body?: string;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The URL (path parameters encoded, so an argument never leaves the path) and, for methods with a
 * body, the other arguments as JSON; for GET and DELETE they go in the query string.
 */
export function planRequest(spec: ActionSpec, args: Record<string, unknown>): PlannedRequest {
  const inPath = pathParameters(spec);
  const url = new URL(
    spec.url.replace(PLACEHOLDER, (_, key: string) => encodeURIComponent(asText(args[key] ?? ''))),
  );
  const rest = Object.entries(args).filter(([key]) => !inPath.has(key));
  if (spec.method === 'GET' || spec.method === 'DELETE') {
    for (const [key, value] of rest) url.searchParams.set(key, asText(value));
    return { url: url.toString() };
  }
  return { url: url.toString(), body: JSON.stringify(Object.fromEntries(rest)) };
}
