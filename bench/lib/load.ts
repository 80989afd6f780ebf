import autocannon from 'autocannon';
import { processFigures, type LoadResult } from './load-result.js';
import { sampleProcess } from './process.js';

interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  body?: string;
  /**
   * A fresh body for every request sent. autocannon prepares each entry of `requests` per connection,
   * so thousands of fixed bodies slow the load generator itself; one entry with this stays cheap.
   */
  nextBody?: () => string;
  headers?: Record<string, string>;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds?: number;
  /** Total requests; overrides the duration (used for the LLM sweep: one conversation per request). */
  amount?: number;
  requests: LoadRequest[];
  /** The server process whose CPU and memory are reported. */
  pid?: number;
  /** Sees every response body (to read the server's own timings). */
  onBody?: (status: number, body: string) => void;
  timeoutSeconds?: number;
  /** Called about once a second with the responses completed in that second. */
  onTick?: (completedInSecond: number) => void;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const before = options.pid === undefined ? undefined : sampleProcess(options.pid);
  const started = performance.now();
  const requests = options.requests.map((request) => ({
    method: request.method ?? 'GET',
    path: request.path,
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(request.nextBody === undefined
      ? {}
      : {
          setupRequest: (prepared: autocannon.Request) => ({ ...prepared, body: request.nextBody?.() }),
        }),
    headers: { 'content-type': 'application/json', ...request.headers },
    ...(options.onBody
      ? {
          onResponse: (status: number, body: string) => {
            options.onBody?.(status, body);
          },
        }
      : {}),
  }));
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...(options.amount === undefined
          ? { duration: options.durationSeconds ?? 5 }
          : { amount: options.amount }),
        timeout: options.timeoutSeconds ?? 30,
        requests,
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error as Error) : resolve(done)),
    );
    const onTick = options.onTick;
    if (onTick) {
      (instance as unknown as NodeJS.EventEmitter).on('tick', (tick: { counter: number }) =>
        onTick(tick.counter),
      );
    }
  });
  const elapsedSeconds = (performance.now() - started) / 1000;
  const after = options.pid === undefined ? undefined : sampleProcess(options.pid);
  const statusCodes: Record<string, number> = {};
  for (const [code, count] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = (count as { count: number }).count;
  }
  const completed = result.requests.total;
  return {
    requestsPerSec: completed / elapsedSeconds,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    requests: completed,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    ...processFigures(before, after, completed, elapsedSeconds),
    durationSeconds: elapsedSeconds,
  };
}
