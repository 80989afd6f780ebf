import { ServiceNotFoundError } from './errors.js';
import type { Service } from './system-types.js';

/** Runs a behaviour's `ctx.call` against the host services; methods keep their `this`. */
export async function callService(
  services: Record<string, Service>,
  service: string,
  method: string,
  args: unknown[],
): Promise<unknown> {
  const target = services[service];
  const fn = target?.[method];
  if (!target || typeof fn !== 'function') throw new ServiceNotFoundError(service, method);
  return await (fn as (...params: unknown[]) => unknown).apply(target, args);
}
