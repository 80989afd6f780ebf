import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runLoad } from '../lib/load.js';
import type { LoadResult } from '../lib/load-result.js';
import { standInAnswer, standInResult } from '../lib/stand-in-result.js';
import { benchCustomersFile, queryBodySequence } from '../lib/messages.js';
import { freePort, startService, type Service } from '../lib/process.js';
import { progress } from '../lib/report.js';

const SERVER_ENV = {
  LOG_LEVEL: 'warn',
  // The bench measures the pipeline, not the integrator rate limit.
  SWARM_RATE_LIMIT: '1000000',
  OPENAI_API_KEY: undefined,
  OPENAI_BASE_URL: undefined,
};

const THREAD_HEAPS = fileURLToPath(new URL('../lib/thread-heaps.mjs', import.meta.url));

/** With `threadHeapsDir`, each of the server's threads writes its heap figures there (see readThreadHeaps). */
export async function startSwarmdesk(
  env: Record<string, string | undefined> = {},
  options: { threadHeapsDir?: string } = {},
): Promise<Service> {
  const dir = options.threadHeapsDir;
  return startService({
    command: process.execPath,
    args: [...(dir === undefined ? [] : ['--import', THREAD_HEAPS]), 'dist/cli/main.js', 'serve'],
    env: {
      ...SERVER_ENV,
      SWARM_CUSTOMERS_FILE: benchCustomersFile(),
      ...(dir === undefined ? {} : { THREAD_HEAPS_DIR: dir }),
      ...env,
    },
    readyPath: '/readyz',
  });
}

/** swarmdesk's HTTP edge with a stand-in desk that answers at once (bench/servers/edge-only.ts). */
export async function startEdgeOnly(): Promise<Service> {
  return startService({
    command: process.execPath,
    args: ['--import', 'tsx', fileURLToPath(new URL('../servers/edge-only.ts', import.meta.url))],
    env: SERVER_ENV,
    readyPath: '/readyz',
  });
}

export async function startHello(): Promise<Service> {
  const result = standInResult({ customerId: '', message: '' }, standInAnswer());
  return startService({
    command: process.execPath,
    args: ['bench/servers/hello.mjs'],
    env: { STAND_IN_RESULT: JSON.stringify(result) },
  });
}

export function queryLoad(
  service: Service,
  connections: number,
  durationSeconds: number,
  onTick?: (n: number) => void,
) {
  return runLoad({
    url: service.url,
    connections,
    durationSeconds,
    pid: service.child.pid,
    requests: [{ method: 'POST' as const, path: '/v1/queries', nextBody: queryBodySequence() }],
    ...(onTick ? { onTick } : {}),
  });
}

export function helloLoad(
  service: Service,
  connections: number,
  durationSeconds: number,
): Promise<LoadResult> {
  return runLoad({
    url: service.url,
    connections,
    durationSeconds,
    pid: service.child.pid,
    requests: [{ path: '/hello' }],
  });
}

/** A redis-server of the bench's own on a free port, unless REDIS_URL names one. */
export async function benchRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => {} };
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 50; attempt++) {
    progress(`waiting for redis-server on ${port}`);
    const ok = await new Promise<boolean>((resolve) => {
      const probe = spawn('redis-cli', ['-p', String(port), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      probe.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      probe.on('exit', () => resolve(out.includes('PONG')));
    });
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
