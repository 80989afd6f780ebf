import { InvalidOptionsError, SwarmError } from '../runtime/index.js';

/** Where a command writes: stdout and stderr in the binary, arrays in tests and in `npm run eval`. */
export interface CommandIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** A rate given as `0.6`, `60` or `60%`. */
export function parseRate(option: string, raw: string): number {
  const number = Number(raw.trim().replace(/%$/, ''));
  const rate = raw.trim().endsWith('%') || number > 1 ? number / 100 : number;
  if (!Number.isFinite(rate) || rate <= 0 || rate > 1)
    throw new InvalidOptionsError(
      `${option} must be a rate in (0, 1] (0.6, 60 or 60%), got ${JSON.stringify(raw)}`,
    );
  return rate;
}

/** Exit codes: 2 for a caller's mistake in the options, 1 for anything else the project raised. */
export function reportFailure(error: unknown, io: CommandIo): number {
  if (error instanceof SwarmError) {
    io.err(`error ${error.code}: ${error.message}`);
    return error instanceof InvalidOptionsError ? 2 : 1;
  }
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    io.err(`error INVALID_OPTIONS: ${error.message}`);
    return 2;
  }
  throw error;
}
