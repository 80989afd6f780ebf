import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { prepareDeskModel } from '../../src/desk/index.js';
import { demoDesk } from '../support/demo-desk.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-cli-'));
const offline = { LOG_LEVEL: 'silent', SWARM_DATA_DIR: dataDir, SWARM_THREADS: '1' };

// The desk's model trained once into this data dir, as `swarmdesk train --desk` would: the commands
// under test then load it, as a server does on its second start.
beforeAll(() => {
  prepareDeskModel(demoDesk(), join(dataDir, 'models'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('swarmdesk CLI', () => {
  it('prints the commands and every configuration variable for --help', async () => {
    const { io, out } = capture();
    expect(await runCli(['--help'], io, {})).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('ask "<message>"');
    expect(text).toMatch(/PORT\s+Port the HTTP server listens on.*\[3000\]/);
    expect(text).toContain('SWARM_ADMIN_TOKEN');
  });

  it('evaluates the desk model the server loads with eval --desk, by department and language', async () => {
    const { io, out, err } = capture();
    const data = fileURLToPath(new URL('../nlu/fixtures/demo-heldout.jsonl', import.meta.url));
    expect(await runCli(['eval', '--desk', 'demo', '--data', data, '--json'], io, offline)).toBe(0);
    expect(err).toEqual([]);
    const report = JSON.parse(out.join('\n'));
    expect(report.departments.map((d: { department: string }) => d.department)).toEqual([
      'billing',
      'escalation',
      'general',
      'technical',
    ]);
    expect(report.languages.map((l: { language: string }) => l.language)).toEqual([
      'cs',
      'en',
      'cs with diacritics',
      'cs without diacritics',
    ]);
  });

  it('exits 2 with the usage for an unknown command', async () => {
    const { io, err } = capture();
    expect(await runCli(['frobnicate'], io, {})).toBe(2);
    expect(err.join('\n')).toMatch(/unknown command: frobnicate[\s\S]*commands:/);
  });

  it('refuses ask without a customer', async () => {
    const { io, err } = capture();
    expect(await runCli(['ask', 'hello'], io, offline)).toBe(2);
    expect(err.join('\n')).toContain('--customer is required');
  });

  it('reports a configuration error naming the variable', async () => {
    const { io, err } = capture();
    expect(await runCli(['serve'], io, { PORT: 'abc' })).toBe(1);
    expect(err.join('\n')).toContain('error CONFIG_INVALID: PORT must be an integer between 1 and 65535');
  });

  it('answers a question in-process and prints it readably', async () => {
    const { io, out } = capture();
    expect(await runCli(['ask', 'I was charged twice this month', '--customer', 'C001'], io, offline)).toBe(
      0,
    );
    const text = out.join('\n');
    expect(text).toMatch(/^billing · /);
    expect(text).toMatch(/query [0-9a-f-]+ · conversation \S+ · \d+ ms/);
  });

  it('prints the full result as JSON with --json', async () => {
    const { io, out } = capture();
    expect(
      await runCli(['ask', 'my app crashes on start', '--customer', 'C002', '--json'], io, offline),
    ).toBe(0);
    const result = JSON.parse(out.join('\n')) as { customerId: string; department: string; response: string };
    expect(result.customerId).toBe('C002');
    expect(result.response.length).toBeGreaterThan(0);
  });
});
