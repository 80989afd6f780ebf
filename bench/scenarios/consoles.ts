import { request, type ClientRequest } from 'node:http';
import type { LoadResult } from '../lib/load-result.js';
import type { Service } from '../lib/process.js';

export interface OpenConsoles {
  /** Bytes the consoles have received from their feeds. */
  readonly bytes: number;
  close(): void;
}

/**
 * `count` clients holding open what an open console page holds: the batched agents stream and the
 * console feed (traffic, queries, the ticket queue). Resolves once every feed has sent its first event.
 */
export async function openConsoles(service: Service, count: number): Promise<OpenConsoles> {
  const streams: ClientRequest[] = [];
  let bytes = 0;
  let closed = false;

  const hold = (path: string) =>
    new Promise<void>((resolve, reject) => {
      const req = request(`${service.url}${path}`, { headers: { accept: 'text/event-stream' } });
      req.on('response', (res) => {
        if (res.statusCode !== 200) reject(new Error(`${path} answered ${res.statusCode}`));
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          resolve();
        });
      });
      req.on('error', (error) => (closed ? resolve() : reject(error)));
      req.end();
      streams.push(req);
    });
  const opened: Promise<void>[] = [];
  for (let n = 0; n < count; n++) {
    opened.push(hold('/v1/agents/stream?batched=true'), hold('/v1/console/stream'));
  }
  await Promise.all(opened);
  return {
    get bytes() {
      return bytes;
    },
    close() {
      closed = true;
      for (const req of streams) req.destroy();
    },
  };
}

export interface ConsolesReport {
  without: LoadResult[];
  with: LoadResult[];
  /** with / without of each back-to-back pair. */
  ratios: number[];
  feedBytesPerSecond: number[];
}

/**
 * The pipeline load with no console open and with `consoles` open, interleaved (the order flips every
 * pair) so that drift of a shared machine falls on both sides alike.
 */
export async function consolesScenario(
  service: Service,
  consoles: number,
  repeats: number,
  load: () => Promise<LoadResult>,
  progress: (message: string) => void,
): Promise<ConsolesReport> {
  const report: ConsolesReport = { without: [], with: [], ratios: [], feedBytesPerSecond: [] };
  const withConsoles = async () => {
    const open = await openConsoles(service, consoles);
    const started = performance.now();
    const before = open.bytes;
    try {
      const result = await load();
      report.feedBytesPerSecond.push(((open.bytes - before) * 1000) / (performance.now() - started));
      return result;
    } finally {
      open.close();
    }
  };
  for (let run = 1; run <= repeats; run++) {
    const consolesFirst = run % 2 === 0;
    progress(
      `console feeds run ${run}/${repeats}: ${consolesFirst ? `${consoles} consoles, then none` : `none, then ${consoles} consoles`}`,
    );
    let withRun: LoadResult;
    let withoutRun: LoadResult;
    if (consolesFirst) {
      withRun = await withConsoles();
      withoutRun = await load();
    } else {
      withoutRun = await load();
      withRun = await withConsoles();
    }
    report.with.push(withRun);
    report.without.push(withoutRun);
    report.ratios.push(withRun.requestsPerSec / withoutRun.requestsPerSec);
  }
  return report;
}
