#!/usr/bin/env node
import { runCli } from './run-cli.js';

const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    // Unexpected faults only (SwarmErrors are reported by the commands): a message, never a stack.
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
