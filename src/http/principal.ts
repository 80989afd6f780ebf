import { z } from 'zod';

/** What an integrator key may do; a bare key (no scopes listed) has every scope but `admin`. */
const SCOPES = ['queries', 'customers:read', 'tickets', 'feedback', 'tokens', 'admin'] as const;
export const Scope = z.enum(SCOPES);
export type Scope = z.infer<typeof Scope>;

const DEFAULT_KEY_SCOPES: readonly Scope[] = ['queries', 'customers:read', 'tickets', 'feedback', 'tokens'];

/** `key` or `key:scope+scope`, as SWARM_API_KEYS lists them. */
export const ApiKeySpec = z
  .string()
  .min(1)
  .transform((spec, ctx) => {
    const at = spec.indexOf(':');
    if (at < 0) return { key: spec, scopes: [...DEFAULT_KEY_SCOPES] };
    const key = spec.slice(0, at);
    const scopes = spec.slice(at + 1).split('+');
    const unknown = scopes.filter((scope) => !Scope.safeParse(scope).success);
    if (key.length === 0 || unknown.length > 0 || scopes.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `each key is \`key\` or \`key:scope+scope\` with scopes among ${SCOPES.join(', ')}`,
      });
      return z.NEVER;
    }
    return { key, scopes: scopes as Scope[] };
  });

/** An integrator key as a spec string or as an object. */
export const ApiKey = z.union([
  ApiKeySpec,
  z.object({ key: z.string().min(1), scopes: z.array(Scope).min(1) }),
]);
export type ApiKey = z.output<typeof ApiKey>;

/**
 * Who is calling. `open`: no keys and no customer-token secret are configured, so /v1 is open to
 * anyone (development). `integrator`: a server-side key with its scopes. `customer`: a customer
 * token, which acts only as its own customer.
 */
export type Principal =
  | { kind: 'open' }
  | { kind: 'integrator'; key: string; scopes: ReadonlySet<Scope> }
  | { kind: 'customer'; customerId: string };
