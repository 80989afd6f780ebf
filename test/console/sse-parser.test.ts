import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from '../../src/console/sse-parser.js';

function parseChunks(chunks: string[]): SseMessage[] {
  const messages: SseMessage[] = [];
  const parse = createSseParser((message) => messages.push(message));
  for (const chunk of chunks) parse(chunk);
  return messages;
}

describe('SSE parser of the console', () => {
  it('reads named events whatever the chunks they arrive in', () => {
    const wire = 'event: snapshot\ndata: {"a":1}\n\nevent: tick\ndata: {"b":2}\n\n';
    const expected = [
      { event: 'snapshot', data: '{"a":1}' },
      { event: 'tick', data: '{"b":2}' },
    ];
    expect(parseChunks([wire])).toEqual(expected);
    expect(parseChunks(wire.split(''))).toEqual(expected);
    expect(parseChunks([wire.slice(0, 17), wire.slice(17, 30), wire.slice(30)])).toEqual(expected);
  });

  it('skips comments, joins data lines, accepts CRLF and defaults the event name', () => {
    const wire = ': keep-alive\r\n\r\ndata: one\r\ndata: two\r\n\r\nevent: x\ndata:{}\n\n';
    expect(parseChunks([wire])).toEqual([
      { event: 'message', data: 'one\ntwo' },
      { event: 'x', data: '{}' },
    ]);
  });

  it('holds back an event until its blank line arrives', () => {
    expect(parseChunks(['event: tick\ndata: {}\n'])).toEqual([]);
  });
});
