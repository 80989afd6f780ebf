import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { LoadResult } from './load-result.js';

export interface Row {
  scenario: string;
  variant: string;
  result: LoadResult;
  note?: string;
}

const fixed = (value: number | null, digits = 1): string =>
  value === null || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.availableParallelism()} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function markdownTable(rows: Row[]): string {
  const header =
    '| scenario | variant | req/s | p50 ms | p90 ms | p99 ms | errors | non-2xx | peak RSS MB | CPU % | CPU ms/req | note |\n' +
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|';
  const lines = rows.map(({ scenario, variant, result: r, note }) =>
    [
      scenario,
      variant,
      fixed(r.requestsPerSec, 0),
      fixed(r.latencyMs.p50),
      fixed(r.latencyMs.p90),
      fixed(r.latencyMs.p99),
      String(r.errors + r.timeouts),
      String(r.non2xx),
      fixed(r.peakRssMb, 0),
      fixed(r.cpuPercent, 0),
      fixed(r.cpuMsPerRequest, 3),
      note ?? '',
    ].join(' | '),
  );
  return [header, ...lines.map((line) => `| ${line} |`)].join('\n');
}

export function writeResults(name: string, data: unknown, markdown: string): string {
  const dir = new URL('../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(new URL(`${name}-${stamp}.json`, dir), JSON.stringify(data, null, 2));
  writeFileSync(new URL(`${name}-${stamp}.md`, dir), markdown);
  writeFileSync(new URL(`${name}-latest.md`, dir), markdown);
  return new URL(`${name}-${stamp}.md`, dir).pathname;
}

export function progress(message: string): void {
  process.stderr.write(`\r\u001b[2K[bench] ${message}`);
}

export function progressDone(message: string): void {
  process.stderr.write(`\r\u001b[2K[bench] ${message}\n`);
}
