import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

// Compiled, this file is dist/http/console/assets.js beside dist/console; from source (tsx, vitest) it
// is src/http/console/assets.ts and the built page is still under dist/console.
const fromSource = import.meta.url.endsWith('.ts');
const DEFAULT_CONSOLE_DIR = fileURLToPath(
  new URL(fromSource ? '../../../dist/console/' : '../../console/', import.meta.url),
);

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

interface ConsoleAsset {
  body: Uint8Array;
  type: string;
}

export interface ConsoleAssets {
  /** The page, or undefined when the console was not built. */
  readonly index: string | undefined;
  /** A file of `assets/` by its (content-hashed) name. */
  asset(name: string): ConsoleAsset | undefined;
}

/**
 * The built console, read once: a handful of small files whose names carry their content hash, so
 * they never change while the server runs.
 */
export function loadConsoleAssets(dir: string = DEFAULT_CONSOLE_DIR): ConsoleAssets {
  const indexFile = join(dir, 'index.html');
  const index = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : undefined;
  const files = new Map<string, ConsoleAsset>();
  const assetsDir = join(dir, 'assets');
  if (existsSync(assetsDir)) {
    for (const name of readdirSync(assetsDir)) {
      const type = TYPES[name.slice(name.lastIndexOf('.'))];
      if (type) files.set(name, { body: readFileSync(join(assetsDir, name)), type });
    }
  }
  return { index, asset: (name) => files.get(name) };
}
