import { fileURLToPath } from 'node:url';
import { startService, type Service } from '../lib/process.js';
import type { FakeLlmService } from './fake-llm-service.js';

/** The built CLI; `npm run build` makes it. */
export const SWARMDESK_CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** `swarmdesk serve` in LLM mode against the bench's fake LLM, with no limit of ours in the way. */
export function startSwarmdeskWithLlm(llm: FakeLlmService): Promise<Service> {
  return startService({
    command: process.execPath,
    args: [SWARMDESK_CLI, 'serve'],
    env: {
      OPENAI_BASE_URL: llm.baseURL,
      OPENAI_API_KEY: 'bench',
      OPENAI_MODEL: 'bench',
      // The most the config allows (1024): the bench measures the swarm, not a limit it set.
      SWARM_LLM_CONCURRENCY: '1024',
      SWARM_LLM_TIMEOUT_MS: '30000',
      SWARM_RATE_LIMIT: 'off',
      LOG_LEVEL: 'warn',
      REDIS_URL: undefined,
    },
    readyPath: '/readyz',
  });
}
