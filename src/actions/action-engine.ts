import { Ajv, type ValidateFunction } from 'ajv';
import {
  BreakerConfig,
  CircuitBreaker,
  backoffDelay,
  retryAfterHint,
  type BreakerPermit,
} from '../llm/index.js';
import { expandEnv } from '../config/index.js';
import { z } from 'zod';
import { InvalidOptionsError, systemClock, type Clock } from '../runtime/index.js';
import type {
  ActionCallContext,
  ActionCallRecord,
  ActionOutcome,
  ActionResult,
  ActionTool,
} from './action-call.js';
import { ActionsConfig, type ActionSpec } from './action-spec.js';
import { ActionError } from './errors.js';
import { declaredOrigin, planRequest } from './request-plan.js';

/** The argument every action gets from the conversation, never from the model. */
const CUSTOMER_ID_PARAMETER = 'customer_id';
/** Sent with every call, whether or not the action declares `customer_id`. */
export const CUSTOMER_ID_HEADER = 'x-customer-id';

export interface ActionEngineOptions {
  /** The desk's `actions:` as written (validated here). */
  actions: unknown;
  /** Where `${VAR}` in headers is read; read once, at creation. */
  env: Record<string, string | undefined>;
  clock?: Clock;
  fetch?: typeof fetch;
  random?: () => number;
  /** First retry's wait; each later one doubles (with jitter), up to `retryMaxDelayMs`. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  breaker?: Partial<BreakerConfig>;
  /** Told of every call (for the trail and /metrics); never given arguments or headers. */
  onCall?: (record: ActionCallRecord) => void;
}

const ACTION_DEFAULTS = { retryBaseDelayMs: 200, retryMaxDelayMs: 2000 };

/** The company's backend as the desk's agents reach it: by declared action, for one department. */
export interface ActionEngine {
  has(name: string): boolean;
  /** The actions a department may call, as function tools. */
  toolsFor(department: string): ActionTool[];
  /**
   * Validates the arguments against the action's schema, then calls it (retrying 429, 5xx and no
   * answer, behind the action's breaker). Never throws: a failure is a result with an error code.
   */
  call(name: string, args: Record<string, unknown>, context: ActionCallContext): Promise<ActionResult>;
}

interface Compiled {
  name: string;
  spec: ActionSpec;
  origin: string;
  headers: Record<string, string>;
  validate: ValidateFunction;
  breaker: CircuitBreaker;
}

type Attempt =
  | { kind: 'done'; result: ActionOutcome }
  | { kind: 'retry'; error: ActionError; status: number | null; waitMs?: number };

export function createActionEngine(options: ActionEngineOptions): ActionEngine {
  const clock = options.clock ?? systemClock;
  const send = options.fetch ?? fetch;
  const random = options.random ?? Math.random;
  const backoff = {
    baseDelayMs: options.retryBaseDelayMs ?? ACTION_DEFAULTS.retryBaseDelayMs,
    maxDelayMs: options.retryMaxDelayMs ?? ACTION_DEFAULTS.retryMaxDelayMs,
    random,
  };
  const breakerConfig = BreakerConfig.parse(options.breaker ?? {});
  const ajv = new Ajv({ allErrors: true, strict: false });
  const actions = new Map<string, Compiled>();
  for (const [name, spec] of Object.entries(ActionsConfig.parse(options.actions))) {
    const headers = Object.fromEntries(
      Object.entries(spec.headers).map(([key, value]) => [
        key.toLowerCase(),
        expandEnv(value, options.env, `actions.${name}.headers.${key}`),
      ]),
    );
    const url = expandEnv(spec.url, options.env, `actions.${name}.url`);
    if (!z.url({ protocol: /^https?$/ }).safeParse(url.replace(/\{[^}]*\}/g, 'x')).success)
      throw new InvalidOptionsError(`action ${name}: url is not an http(s) URL once its variables are read`, {
        option: `actions.${name}.url`,
      });
    const resolved = { ...spec, url };
    actions.set(name, {
      name,
      spec: resolved,
      origin: declaredOrigin(name, resolved),
      headers,
      validate: ajv.compile(spec.parameters),
      breaker: new CircuitBreaker(breakerConfig, () => clock.now()),
    });
  }

  const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));

  async function attempt(
    action: Compiled,
    url: string,
    body: string | undefined,
    customerId: string,
  ): Promise<Attempt> {
    const permit: BreakerPermit | undefined = action.breaker.tryAcquire();
    if (!permit) {
      const error = new ActionError(
        'ACTION_UNAVAILABLE',
        `${action.name} is failing; not called for a while`,
      );
      return { kind: 'done', result: failure(action.name, error, null) };
    }
    let response: Response;
    try {
      response = await send(url, {
        method: action.spec.method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...action.headers,
          [CUSTOMER_ID_HEADER]: customerId,
        },
        ...(body === undefined ? {} : { body }),
        // A redirect could lead anywhere: only the declared host is ever called.
        redirect: 'error',
        signal: AbortSignal.timeout(action.spec.timeout_ms),
      });
    } catch (error) {
      action.breaker.recordFailure(permit);
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      const code = timedOut ? 'ACTION_TIMEOUT' : 'ACTION_FAILED';
      return { kind: 'retry', error: new ActionError(code, `${action.name}: no answer`), status: null };
    }
    const text = await response.text();
    if (response.status === 429 || response.status >= 500) {
      action.breaker.recordFailure(permit);
      const waitMs = retryAfterHint(response.headers, clock.now());
      const error = new ActionError('ACTION_FAILED', `${action.name} answered ${response.status}`);
      return { kind: 'retry', error, status: response.status, ...(waitMs === undefined ? {} : { waitMs }) };
    }
    // Any other answer shows the backend is up, whatever it says.
    action.breaker.recordSuccess(permit);
    if (!response.ok) {
      const error = new ActionError('ACTION_FAILED', `${action.name} answered ${response.status}`);
      return { kind: 'done', result: failure(action.name, error, response.status) };
    }
    return {
      kind: 'done',
      result: { ok: true, action: action.name, status: response.status, data: parseBody(text) },
    };
  }

  return {
    has: (name) => actions.has(name),

    toolsFor(department) {
      return [...actions.values()]
        .filter((a) => a.spec.departments.includes(department))
        .map((a) => ({
          name: a.name,
          description: a.spec.description,
          parameters: withoutCustomerId(a.spec.parameters),
        }));
    },

    async call(name, args, context) {
      const started = clock.now();
      const action = actions.get(name);
      let attempts = 0;
      const finish = (result: ActionOutcome): ActionResult => {
        const call: ActionCallRecord = {
          action: name,
          department: context.department,
          conversationId: context.conversationId,
          outcome: result.ok ? 'ok' : 'error',
          ...(result.ok ? {} : { code: result.error.code }),
          status: result.status,
          attempts,
          latencyMs: clock.now() - started,
          at: new Date(started).toISOString(),
        };
        options.onCall?.(call);
        return { ...result, call };
      };
      if (!action)
        return finish(failure(name, new ActionError('ACTION_NOT_FOUND', `no action ${name}`), null));
      if (!action.spec.departments.includes(context.department)) {
        const error = new ActionError(
          'ACTION_NOT_ALLOWED',
          `${name} is not an action of ${context.department}`,
        );
        return finish(failure(name, error, null));
      }
      // The model's arguments, with the customer's id put (or overwritten) by the desk.
      const declaresCustomer = CUSTOMER_ID_PARAMETER in (action.spec.parameters.properties ?? {});
      const full = { ...args, ...(declaresCustomer ? { [CUSTOMER_ID_PARAMETER]: context.customerId } : {}) };
      if (!declaresCustomer) delete full[CUSTOMER_ID_PARAMETER];
      if (!action.validate(full)) {
        const issues = (action.validate.errors ?? []).map(
          (e) => `${e.instancePath || '(arguments)'} ${e.message ?? ''}`,
        );
        const error = new ActionError('ACTION_INVALID_ARGUMENTS', `${name}: ${issues.join('; ')}`, {
          issues,
        });
        return finish(failure(name, error, null));
      }
      const { url, body } = planRequest(action.spec, full);
      if (new URL(url).origin !== action.origin) {
        return finish(failure(name, new ActionError('ACTION_NOT_ALLOWED', `${name}: undeclared host`), null));
      }
      let last: Attempt | undefined;
      for (let retry = 0; retry <= action.spec.retries; retry++) {
        if (last?.kind === 'retry')
          await sleep(Math.min(last.waitMs ?? backoffDelay(retry - 1, backoff), backoff.maxDelayMs));
        attempts += 1;
        last = await attempt(action, url, body, context.customerId);
        if (last.kind === 'done') return finish(last.result);
      }
      return finish(
        last?.kind === 'retry'
          ? failure(name, last.error, last.status)
          : failure(name, new ActionError('ACTION_FAILED', name), null),
      );
    },
  };
}

function failure(action: string, error: ActionError, status: number | null): ActionOutcome {
  return { ok: false, action, error: { code: error.code, message: error.message }, status };
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function withoutCustomerId(schema: ActionSpec['parameters']): Record<string, unknown> {
  const properties = { ...(schema.properties ?? {}) };
  delete properties[CUSTOMER_ID_PARAMETER];
  const required = Array.isArray(schema.required)
    ? (schema.required as unknown[]).filter((r) => r !== CUSTOMER_ID_PARAMETER)
    : undefined;
  return { ...schema, properties, ...(required ? { required } : {}) };
}
