import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildConsole } from '../../scripts/build-console.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The console built from the current sources, for servers under test (`createApp({ consoleDir })`). */
    consoleDir: string;
  }
}

/**
 * Global setup: bundles the console once per run into a folder of its own, so the browser tests
 * serve the sources as they are (a clean clone has no dist) and never touch dist/.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const parent = mkdtempSync(join(tmpdir(), 'swarmdesk-console-'));
  const dir = join(parent, 'console');
  await buildConsole(dir);
  project.provide('consoleDir', dir);
  return () => rmSync(parent, { recursive: true, force: true });
}
