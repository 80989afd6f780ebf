import { availableParallelism } from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import { z } from 'zod';
import type { ActorLogger, BehaviourRef } from './behaviour.js';
import { InvalidOptionsError } from './errors.js';
import type { ActorSystemOptions, Clock, PoolSpec, Service, SystemEvent } from './system-types.js';
import { systemClock } from './clock.js';

export const RUNTIME_DEFAULTS = {
  mailboxCapacity: 1000,
  askTimeoutMs: 30_000,
  supervision: {
    maxRestarts: 3,
    withinMs: 10_000,
    backoff: { minMs: 100, maxMs: 10_000, factor: 2, jitter: 0.2 },
  },
  autoscale: { intervalMs: 1000, scaleUpDepth: 16, idleMs: 30_000 },
  shutdownTimeoutMs: 10_000,
  /** `actor.status` events are coalesced to at most one per actor per this interval. */
  statusIntervalMs: 50,
  deadLetterLimit: 1000,
  /** Messages handed to a worker at once for one actor; a crash re-queues the unfinished ones. */
  dispatchWindow: 64,
  /**
   * Kept small so one runaway behaviour dies alone instead of taking the process with it. The young
   * generation too: V8 would give each worker 32 MB of semi-spaces (its default for large heaps) that
   * a worker's short-lived garbage does not need; 12 MB (two 4 MB semi-spaces and their large-object
   * share) cost no measurable CPU per query and saved about 24 MB of RSS per worker.
   */
  resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 12 } satisfies ResourceLimits,
} as const;

const positiveInt = z.number().int().positive();
const nonNegative = z.number().nonnegative();

const SupervisionOptions = z.object({
  maxRestarts: z.number().int().nonnegative().optional(),
  withinMs: positiveInt.optional(),
  backoff: z
    .object({
      minMs: nonNegative.optional(),
      maxMs: nonNegative.optional(),
      factor: z.number().min(1).optional(),
      jitter: z.number().min(0).max(1).optional(),
    })
    .optional(),
});

const RuntimeOptions = z.object({
  threads: positiveInt.optional(),
  defaults: z
    .object({
      mailboxCapacity: positiveInt.optional(),
      askTimeoutMs: positiveInt.optional(),
      supervision: SupervisionOptions.optional(),
    })
    .optional(),
  autoscale: z
    .union([
      z.literal(false),
      z.object({
        intervalMs: positiveInt.optional(),
        scaleUpDepth: positiveInt.optional(),
        idleMs: nonNegative.optional(),
      }),
    ])
    .optional(),
});

const PoolSpecSchema = z.object({
  type: z.string().regex(/^[a-z][a-z0-9_.-]*$/i, 'letters, digits, "_", "." or "-", starting with a letter'),
  behaviour: z.object({ module: z.string().min(1), export: z.string().min(1) }),
  instances: z
    .object({ min: positiveInt.optional(), max: positiveInt.optional(), initial: positiveInt.optional() })
    .optional(),
  mailbox: z.object({ capacity: positiveInt.optional() }).optional(),
  supervision: SupervisionOptions.optional(),
});

export interface ResolvedSupervision {
  maxRestarts: number;
  withinMs: number;
  backoff: { minMs: number; maxMs: number; factor: number; jitter: number };
}

export interface ResolvedOptions {
  threads: number;
  clock: Clock;
  logger: ActorLogger;
  inspect: ((event: SystemEvent) => void) | undefined;
  services: Record<string, Service>;
  mailboxCapacity: number;
  askTimeoutMs: number;
  supervision: ResolvedSupervision;
  autoscale: { intervalMs: number; scaleUpDepth: number; idleMs: number } | false;
  resourceLimits: ResourceLimits;
}

export interface ResolvedPoolSpec {
  type: string;
  behaviour: BehaviourRef;
  config: unknown;
  instances: { min: number; max: number; initial: number };
  capacity: number;
  supervision: ResolvedSupervision;
}

const silentLogger: ActorLogger = { debug() {}, info() {}, warn() {}, error() {} };

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${[what, ...issue.path].join('.')}: ${issue.message}`);
    throw new InvalidOptionsError(`invalid ${what}: ${issues.join('; ')}`, { issues });
  }
  return parsed.data;
}

function mergeSupervision(
  base: ResolvedSupervision,
  over: z.infer<typeof SupervisionOptions> | undefined,
): ResolvedSupervision {
  return {
    maxRestarts: over?.maxRestarts ?? base.maxRestarts,
    withinMs: over?.withinMs ?? base.withinMs,
    backoff: { ...base.backoff, ...stripUndefined(over?.backoff ?? {}) },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function resolveOptions(options: ActorSystemOptions): ResolvedOptions {
  const parsed = check(RuntimeOptions, options, 'options');
  const autoscale =
    parsed.autoscale === false
      ? false
      : { ...RUNTIME_DEFAULTS.autoscale, ...stripUndefined(parsed.autoscale ?? {}) };
  return {
    threads: parsed.threads ?? availableParallelism(),
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
    inspect: options.inspect,
    services: options.services ?? {},
    mailboxCapacity: parsed.defaults?.mailboxCapacity ?? RUNTIME_DEFAULTS.mailboxCapacity,
    askTimeoutMs: parsed.defaults?.askTimeoutMs ?? RUNTIME_DEFAULTS.askTimeoutMs,
    supervision: mergeSupervision(RUNTIME_DEFAULTS.supervision, parsed.defaults?.supervision),
    autoscale,
    resourceLimits: { ...RUNTIME_DEFAULTS.resourceLimits, ...options.resourceLimits },
  };
}

export function resolvePoolSpec(spec: PoolSpec, options: ResolvedOptions): ResolvedPoolSpec {
  const parsed = check(PoolSpecSchema, spec, `pool ${String(spec.type)}`);
  const min = parsed.instances?.min ?? 1;
  const initial = parsed.instances?.initial ?? min;
  const max = parsed.instances?.max ?? Math.max(min, initial);
  if (!(min <= initial && initial <= max)) {
    throw new InvalidOptionsError(`pool ${parsed.type}: instances must satisfy min <= initial <= max`, {
      min,
      initial,
      max,
    });
  }
  return {
    type: parsed.type,
    behaviour: parsed.behaviour,
    config: spec.config,
    instances: { min, max, initial },
    capacity: parsed.mailbox?.capacity ?? options.mailboxCapacity,
    supervision: mergeSupervision(options.supervision, parsed.supervision),
  };
}
