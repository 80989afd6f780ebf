import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesk } from '../../../src/desk/index.js';
import type { Flow } from './prompts.js';

/**
 * swarmdesk in process and in LLM mode: the desk the HTTP edge wraps, with no HTTP in front, so its
 * CPU per query compares with the frameworks'. It routes and answers by its own design, which may take
 * one LLM call or two: run.ts counts them.
 */
export async function createSwarmdeskFlow(baseURL: string): Promise<Flow> {
  const dataDir = await mkdtemp(join(tmpdir(), 'swarmdesk-bench-'));
  const desk = await createDesk({
    dataDir,
    llm: { baseURL, apiKey: 'bench', model: 'bench', concurrency: 4096, timeoutMs: 30_000 },
  });
  let asked = 0;
  return {
    // A customer of its own per query: one customer asking the same again and again is escalated as a
    // repeat contact, which answers without the LLM.
    answer: async (message) => (await desk.submit({ customerId: `bench-${++asked}`, message })).response,
    close: async () => {
      await desk.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
