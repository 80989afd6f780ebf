import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

function resolveTsxApi(): string {
  // vitest runs this module without `import.meta.resolve`; tsx and plain Node have it.
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href;
}

/**
 * Starts a worker on an entry module. Node 20 does not apply `--import tsx` to a worker's entry, so a
 * `.ts` entry (running from source: vitest, tsx) starts from a bootstrap that registers tsx's loader
 * before importing it (~200 ms); a compiled `.js` entry starts directly.
 */
export function startWorker(entry: URL, options: WorkerOptions): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const bootstrap = `import(${JSON.stringify(resolveTsxApi())}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** The URL of a worker entry beside `base`: `.ts` while running from source, `.js` once compiled. */
export function workerEntryUrl(relative: string, base: string): URL {
  return new URL(`${relative}.${base.endsWith('.ts') ? 'ts' : 'js'}`, base);
}
