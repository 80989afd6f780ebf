import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/build-if-stale.mjs', import.meta.url));

/** A package whose `build` writes dist/cli/main.js and counts itself in builds.log. */
function makePackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-prestart-'));
  const build =
    "const fs=require('node:fs');fs.mkdirSync('dist/cli',{recursive:true});" +
    "fs.writeFileSync('dist/cli/main.js','');fs.appendFileSync('builds.log','x')";
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { build: `node -e "${build}"` } }));
  mkdirSync(join(dir, 'src/http'), { recursive: true });
  writeFileSync(join(dir, 'src/http/app.ts'), 'export {};\n');
  return dir;
}

const builds = (dir: string) => readFileSync(join(dir, 'builds.log'), 'utf8').length;
const prestart = (dir: string) => spawnSync(process.execPath, [SCRIPT], { cwd: dir, encoding: 'utf8' });

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('npm start builds only when a source is newer than dist', () => {
  it('builds without dist, skips while nothing changed, rebuilds after a source changes', () => {
    dir = makePackage();
    expect(prestart(dir).status).toBe(0);
    expect(builds(dir)).toBe(1);

    expect(prestart(dir).status).toBe(0);
    expect(builds(dir)).toBe(1);

    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'src/http/app.ts'), later, later);
    expect(prestart(dir).status).toBe(0);
    expect(builds(dir)).toBe(2);
  });
});
