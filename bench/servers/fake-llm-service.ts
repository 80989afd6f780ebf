import { fileURLToPath } from 'node:url';
import { startService, type Service } from '../lib/process.js';

export interface FakeLlmService {
  readonly service: Service;
  /** The fake's own endpoint, for a server under test: no hop in between. */
  readonly baseURL: string;
  /** The endpoint that also answers a `transfer_to_*` tool offer with the handoff call, for the peers. */
  readonly peerBaseURL: string;
  /** Since the last call: the most LLM requests open at once, and the requests that came to `peerBaseURL`. */
  stats(): Promise<{ peakInFlight: number; peerRequests: number }>;
  stop(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./fake-llm.ts', import.meta.url));

/** Starts bench/servers/fake-llm.ts as a process of its own (through tsx, which the root installs). */
export async function startFakeLlm(options: {
  delayMs: number;
  tokens?: number;
  /** Each call's delay spread uniformly over this share either side of `delayMs` (0 to 1). */
  jitter?: number;
}): Promise<FakeLlmService> {
  const service = await startService({
    command: process.execPath,
    args: ['--import', 'tsx', SCRIPT],
    env: {
      FAKE_LLM_DELAY_MS: String(options.delayMs),
      FAKE_LLM_TOKENS: String(options.tokens ?? 20),
      FAKE_LLM_JITTER: String(options.jitter ?? 0),
    },
  });
  try {
    const health = (await (await fetch(`${service.url}/healthz`)).json()) as { baseURL?: unknown };
    if (typeof health.baseURL !== 'string') throw new Error('the fake LLM did not tell its baseURL');
    return {
      service,
      baseURL: health.baseURL,
      peerBaseURL: `${service.url}/v1`,
      stats: async () => {
        const stats = (await (await fetch(`${service.url}/stats`)).json()) as Record<string, unknown>;
        const count = (value: unknown): number => (typeof value === 'number' ? value : Number.NaN);
        return { peakInFlight: count(stats.peakInFlight), peerRequests: count(stats.peerRequests) };
      },
      stop: () => service.stop(),
    };
  } catch (error) {
    await service.stop();
    throw error;
  }
}
