import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { TEST_MODEL_CACHE } from '../support/demo-desk.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'swarmdesk-cli-desk-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('swarmdesk init, check and train --desk', () => {
  it('init writes a desk that check accepts, and refuses a folder that is not empty', async () => {
    const desk = join(dir, 'acme');
    const init = capture();
    expect(await runCli(['init', desk], init.io, {})).toBe(0);
    expect(init.out.join('\n')).toContain(`wrote ${join(desk, 'desk.yaml')}`);
    const check = capture();
    expect(await runCli(['check', desk], check.io, {})).toBe(0);
    expect(check.out.at(-1)).toMatch(
      /My support desk: 4 departments, 36 intents, cs, en; 0 warning\(s\), no errors/,
    );
    const again = capture();
    expect(await runCli(['init', desk], again.io, {})).toBe(2);
    expect(again.err.join('\n')).toContain('is not empty');
  });

  it('check prints every problem with its file and line and exits 1', async () => {
    const file = join(dir, 'desk.yaml');
    writeFileSync(
      file,
      'name: Broken\nextends: demo\nintents:\n  lost_parcel:\n    department: shiping\n    examples:\n      en: [a, b, c]\n',
    );
    const { io, err } = capture();
    expect(await runCli(['check', dir], io, {})).toBe(1);
    const text = err.join('\n');
    expect(text).toContain(`${file}:4: error: intents.lost_parcel.department: unknown department "shiping"`);
    expect(text).toContain(`${file}:4: error: intents.lost_parcel.examples.cs: 0 example(s) in "cs"`);
    expect(text).toMatch(/\d+ error\(s\), \d+ warning\(s\): the desk cannot be served/);
  });

  it('serve refuses an invalid desk with the same lines as check', async () => {
    const file = join(dir, 'desk.yaml');
    writeFileSync(file, 'name: Broken\nextends: demo\nintents:\n  lost_parcel:\n    department: shiping\n');
    const { io, err } = capture();
    expect(await runCli(['serve'], io, { SWARM_DESK: dir, LOG_LEVEL: 'silent' })).toBe(1);
    expect(err.join('\n')).toContain(`error DESK_INVALID: the desk has 2 error(s)`);
    expect(err.join('\n')).toContain(
      `${file}:4: error: intents.lost_parcel.department: unknown department "shiping"`,
    );
  });

  it('check takes SWARM_DESK when no folder is given', async () => {
    const { io, out } = capture();
    expect(await runCli(['check'], io, { SWARM_DESK: 'demo' })).toBe(0);
    expect(out.at(-1)).toMatch(/^swarmdesk demo: 3 departments, 35 intents/);
  });

  it('train --desk trains into the cache the server reads, then finds it unchanged', async () => {
    const env = { SWARM_DATA_DIR: dir };
    const first = capture();
    expect(await runCli(['train', '--desk', 'demo'], first.io, env)).toBe(0);
    expect(first.out.join('\n')).toMatch(/trained swarmdesk demo on \d+ examples/);
    expect(first.out.join('\n')).toContain(join(dir, 'models'));
    const second = capture();
    expect(await runCli(['train', '--desk', 'demo'], second.io, env)).toBe(0);
    expect(second.out.join('\n')).toContain('unchanged since its model was trained');
  });

  it('answers --help on every command with exit 0', async () => {
    for (const command of ['init', 'check', 'ask', 'serve']) {
      const { io, out } = capture();
      expect(await runCli([command, '--help'], io, { SWARM_DATA_DIR: TEST_MODEL_CACHE }), command).toBe(0);
      expect(out.join('\n'), command).toContain('usage: swarmdesk');
    }
    const { io, out } = capture();
    expect(await runCli(['train', '--desk', 'demo', '--help'], io, {})).toBe(0);
    expect(out.join('\n')).toContain('usage: swarmdesk train --desk');
  });
});
