import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-suite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
}

describe('swarmdesk eval --conversations', () => {
  it('runs a suite file on an in-process desk and prints the figures, as JSON too', async () => {
    const file = join(dir, 'suite.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({
          id: 'a',
          turns: [{ message: 'thanks, bye', expect: { ticket: false, language: 'en' } }],
        }),
        JSON.stringify({
          id: 'b',
          turns: [{ message: 'I want to talk to a real person', expect: { ticket: true } }],
        }),
      ].join('\n'),
    );
    const text = capture();
    expect(await runCli(['eval', '--conversations', file], text.io, {})).toBe(0);
    expect(text.out.join('\n')).toMatch(/ticket precision\s+100\.0%/);
    expect(text.out.join('\n')).toMatch(/resolution rate\s+50\.0%/);
    const json = capture();
    expect(await runCli(['eval', '--conversations', file, '--json'], json.io, {})).toBe(0);
    expect(JSON.parse(json.out.join(''))).toMatchObject({
      conversations: 2,
      ticketPrecision: 1,
      ticketRecall: 1,
      duplicateRate: 0,
      languageAccuracy: 1,
    });
  }, 60_000);

  it('names the line of a broken suite file', async () => {
    const file = join(dir, 'broken.jsonl');
    writeFileSync(file, '{"id":"a","turns":[]}\n');
    const { io, err } = capture();
    expect(await runCli(['eval', '--conversations', file], io, {})).toBe(2);
    expect(err.join('\n')).toContain('broken.jsonl:1: turns');
  });
});
