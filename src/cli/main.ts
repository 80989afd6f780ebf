#!/usr/bin/env node
import { boundHeapGrowth } from './heap-growth.js';
import { runCli } from './run-cli.js';

const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};

const argv = process.argv.slice(2);
// Only the long-running server: a one-off command is better served by V8's own sizing.
if ((argv[0] ?? 'serve') === 'serve') boundHeapGrowth(process.execArgv);

runCli(argv, io).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    // Unexpected faults only (SwarmErrors are reported by the commands): a message, never a stack.
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
