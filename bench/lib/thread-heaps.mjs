// Preloaded into a server under test (`node --import`): Node runs it in the main thread and in each
// worker thread started from a file, so every thread writes its own V8 heap figures to
// THREAD_HEAPS_DIR/<thread>.json once a second, keeping the largest heap it has seen. The bench reads
// them for its per-thread memory figure; RSS alone cannot say which thread holds what.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { isMainThread, threadId } from 'node:worker_threads';

const dir = process.env.THREAD_HEAPS_DIR;
if (dir) {
  const file = join(dir, `${isMainThread ? 'main' : `worker-${threadId}`}.json`);
  let peak = { totalMb: 0, usedMb: 0 };
  const write = () => {
    const heap = getHeapStatistics();
    const now = { totalMb: heap.total_heap_size / 2 ** 20, usedMb: heap.used_heap_size / 2 ** 20 };
    if (now.totalMb > peak.totalMb) peak = now;
    writeFileSync(file, JSON.stringify({ peak, now, externalMb: heap.external_memory / 2 ** 20 }));
  };
  setInterval(write, 1000).unref();
}
