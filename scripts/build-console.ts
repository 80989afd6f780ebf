/**
 * `npm run build` (after tsc): bundles the operator console (src/console) with esbuild into
 * dist/console: `assets/` holds files named by their content hash, served as immutable, and
 * `index.html` names them. Also used by the tests' global setup, into a folder of their own.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'src', 'console');

export async function buildConsole(outDir: string): Promise<{ js: string; css: string }> {
  rmSync(outDir, { recursive: true, force: true });
  const assets = join(outDir, 'assets');
  const result = await build({
    absWorkingDir: root,
    entryPoints: [
      { in: join(source, 'main.ts'), out: 'console' },
      { in: join(source, 'console.css'), out: 'console' },
    ],
    outdir: assets,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    tsconfig: join(source, 'tsconfig.json'),
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file));
  const js = outputs.find((file) => file.endsWith('.js'));
  const css = outputs.find((file) => file.endsWith('.css'));
  if (!js || !css) throw new Error(`the console build made ${outputs.join(', ')}, not one .js and one .css`);
  const page = readFileSync(join(source, 'index.html'), 'utf8').replace('{{js}}', js).replace('{{css}}', css);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'index.html'), page);
  return { js, css };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(root, 'dist', 'console');
  const { js, css } = await buildConsole(out);
  console.log(`console built: ${join('dist', 'console', 'assets')} ${js} ${css}`);
}
