import { setFlagsFromString } from 'node:v8';

const FLAG = '--heap-growing-percent';
const SERVER_HEAP_GROWING_PERCENT = 50;

/**
 * Lets the server's heaps grow by half of what survived a full collection before the next, instead of
 * up to four times, which V8 allows any heap whose limit is 2 GB or more: it gives the main thread 4 GB
 * on a machine with 16 GB of memory or more. The main thread keeps about 150 MB alive with the memory
 * stores at their caps, yet its heap reached 300 to 360 MB under the offline pipeline bench, nearly all
 * of it garbage waiting for a collection; with this it stays under 200 MB, at no CPU per query the
 * bench could tell apart (a full collection costs about what is alive, and marks concurrently). The
 * flag is process-wide, and V8 reads it at every collection, so setting it at start is enough. A growth
 * given to node on its command line is left as it is (node refuses the flag in NODE_OPTIONS).
 */
export function boundHeapGrowth(execArgv: readonly string[]): boolean {
  const given = execArgv.some((arg) => arg.replaceAll('_', '-').startsWith(FLAG));
  if (given) return false;
  setFlagsFromString(`${FLAG}=${SERVER_HEAP_GROWING_PERCENT}`);
  return true;
}
