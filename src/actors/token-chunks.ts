/** How many `token` events the offline answer is streamed in. */
const OFFLINE_TOKEN_CHUNKS = 4;

/**
 * Splits a finished answer into a few word-aligned chunks that concatenate back to it exactly, so SSE
 * clients see `token` events on the offline path too without a timer per chunk.
 */
export function tokenChunks(text: string, chunks: number = OFFLINE_TOKEN_CHUNKS): string[] {
  if (text.length === 0) return [];
  const target = Math.ceil(text.length / chunks);
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + target);
    if (end < text.length) {
      const space = text.indexOf(' ', end);
      end = space === -1 ? text.length : space + 1;
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}
