// Bench code that a plain `node` process (or an agents' worker thread) runs without tsx: under tsx the
// process also carries the loader's own thread and heap (about 50 MB of the swarm-alone row's peak
// RSS), which neither a server nor an application embedding the desk has.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

/**
 * A folder for bundles, under node_modules so that the packages they leave out (zod) resolve from
 * them; `remove` deletes it.
 */
export function bundleFolder(): { dir: string; remove(): void } {
  const cache = join('node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = resolve(mkdtempSync(join(cache, 'swarmdesk-bench-')));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Bundles `entry` (a path from the project's root) into `dir` as an ES module; returns its path. */
export async function bundleForNode(entry: string, dir: string, name: string): Promise<string> {
  const outfile = join(dir, name);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}
