import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';

/** A free TCP port on loopback, found by binding port 0 and letting it go. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ProcessSample {
  rssBytes: number;
  peakRssBytes: number;
  cpuMs: number;
  /** The main thread's share (the event loop: HTTP, mailboxes, stores), the one that cannot be spread. */
  mainThreadCpuMs: number;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** Reads a process's memory and CPU from /proc (Linux), where the bench runs. */
export function sampleProcess(pid: number): ProcessSample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return {
    rssBytes: kb('VmRSS') * 1024,
    peakRssBytes: kb('VmHWM') * 1024,
    cpuMs: cpuMsOf(`/proc/${pid}/stat`),
    // A process's main thread is the task whose id is the process id.
    mainThreadCpuMs: cpuMsOf(`/proc/${pid}/task/${pid}/stat`),
  };
}

/** User plus system time from a /proc stat file, in milliseconds. */
function cpuMsOf(statFile: string): number {
  const stat = readFileSync(statFile, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

export interface Service {
  readonly child: ChildProcess;
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts a server process and waits until `readyPath` answers 200. */
export async function startService(options: {
  command: string;
  args: string[];
  env?: Record<string, string | undefined>;
  port?: number;
  readyPath?: string;
  timeoutMs?: number;
}): Promise<Service> {
  const port = options.port ?? (await freePort());
  const child = spawn(options.command, options.args, {
    env: { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.args.join(' ')} exited early: ${stderr}`);
    try {
      const response = await fetch(url + (options.readyPath ?? '/healthz'));
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.args.join(' ')} did not become ready: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    port,
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export interface ThreadHeap {
  /** `main`, or `worker-<threadId>`. */
  thread: string;
  /** The thread's largest V8 heap (total, as committed) and what was in use then, in MB. */
  peakTotalMb: number;
  peakUsedMb: number;
}

/** What bench/lib/thread-heaps.mjs, preloaded into a server, wrote for each of its threads. */
export function readThreadHeaps(dir: string): ThreadHeap[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const { peak } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        peak: { totalMb: number; usedMb: number };
      };
      return { thread: file.slice(0, -'.json'.length), peakTotalMb: peak.totalMb, peakUsedMb: peak.usedMb };
    })
    .sort((a, b) => (a.thread === 'main' ? -1 : b.thread === 'main' ? 1 : a.thread.localeCompare(b.thread)));
}
