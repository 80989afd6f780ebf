import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesk, type Desk, type DeskDeps, type DeskOptions } from '../../../src/desk/index.js';
import type { StreamEvent } from '../../../src/domain/query.js';
import { TEST_MODEL_CACHE } from '../../support/demo-desk.js';

/**
 * A small desk for tests: one worker thread, small pools, memory stores unless told otherwise, and
 * learned corrections in a temporary directory removed on close.
 */
export async function startDesk(options: DeskOptions = {}, deps: DeskDeps = {}): Promise<Desk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-desk-'));
  const desk = await createDesk(
    {
      threads: 1,
      queryTimeoutMs: 10_000,
      dataDir,
      modelCacheDir: TEST_MODEL_CACHE,
      pools: {
        router: { min: 1, max: 2 },
        technical: { min: 2, max: 2 },
        billing: { min: 2, max: 2 },
        general: { min: 1, max: 2 },
        escalation: { min: 1, max: 1 },
      },
      ...options,
    },
    deps,
  );
  return {
    ...desk,
    async close() {
      await desk.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Collects a query's stream events. */
export function eventLog() {
  const events: StreamEvent[] = [];
  return { events, onEvent: (event: StreamEvent) => events.push(event) };
}
