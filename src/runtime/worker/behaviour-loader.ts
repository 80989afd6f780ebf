import type { Behaviour, BehaviourRef } from '../behaviour.js';
import { SwarmError } from '../errors.js';

export type AnyBehaviour = Behaviour<unknown, unknown>;

const modules = new Map<string, Promise<Record<string, unknown>>>();

function isBehaviour(value: unknown): value is AnyBehaviour {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate['init'] === 'function' &&
    typeof candidate['receive'] === 'function' &&
    typeof (candidate['messages'] as { safeParse?: unknown } | undefined)?.safeParse === 'function'
  );
}

/** Imports a behaviour module once per thread and picks the named export. */
export async function loadBehaviour(ref: BehaviourRef): Promise<AnyBehaviour> {
  let loading = modules.get(ref.module);
  if (!loading) {
    loading = import(ref.module) as Promise<Record<string, unknown>>;
    modules.set(ref.module, loading);
    // A failed import must not be cached: the next spawn (after a fix or a transient error) retries.
    loading.catch(() => modules.delete(ref.module));
  }
  const exported = (await loading)[ref.export];
  if (!isBehaviour(exported)) {
    throw new SwarmError('BEHAVIOUR_NOT_FOUND', `${ref.module} has no behaviour exported as ${ref.export}`, {
      details: { module: ref.module, export: ref.export },
    });
  }
  return exported;
}
