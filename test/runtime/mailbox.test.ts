import { describe, expect, it } from 'vitest';
import type { Priority } from '../../src/runtime/index.js';
import { Mailbox, type Envelope } from '../../src/runtime/mailbox.js';

const envelope = (seq: number, priority: Priority = 'medium'): Envelope => ({
  message: seq,
  priority,
  attempts: 0,
  reply: undefined,
  release: undefined,
});

const drainSeqs = (mailbox: Mailbox) => {
  const seqs: number[] = [];
  for (let next = mailbox.shift(); next; next = mailbox.shift()) seqs.push(next.message as number);
  return seqs;
};

describe('Mailbox', () => {
  it('serves lanes strictly by priority and each lane first in, first out', () => {
    const mailbox = new Mailbox(10);
    const priorities: Priority[] = ['low', 'medium', 'urgent', 'high', 'low', 'urgent', 'medium'];
    priorities.forEach((priority, seq) => mailbox.push(envelope(seq, priority)));
    expect(mailbox.size).toBe(7);
    expect(drainSeqs(mailbox)).toEqual([2, 5, 3, 1, 6, 0, 4]);
    expect(mailbox.size).toBe(0);
  });

  it('puts re-queued messages back at the front of their lanes in their original order', () => {
    const mailbox = new Mailbox(10);
    mailbox.push(envelope(10));
    mailbox.push(envelope(11, 'high'));
    mailbox.requeueFront([envelope(1), envelope(2, 'high'), envelope(3)]);
    expect(drainSeqs(mailbox)).toEqual([2, 11, 1, 3, 10]);
  });

  it('stays FIFO across many pushes and shifts', () => {
    const mailbox = new Mailbox(10_000);
    const out: number[] = [];
    for (let seq = 0; seq < 5_000; seq++) {
      mailbox.push(envelope(seq));
      if (seq % 3 === 0) out.push((mailbox.shift()?.message as number | undefined) ?? -1);
    }
    out.push(...drainSeqs(mailbox));
    expect(out).toEqual(Array.from({ length: 5_000 }, (_, seq) => seq));
  });

  it('drains everything, highest priority first', () => {
    const mailbox = new Mailbox(10);
    mailbox.push(envelope(1, 'low'));
    mailbox.push(envelope(2, 'urgent'));
    expect(mailbox.drain().map((item) => item.message)).toEqual([2, 1]);
    expect(mailbox.size).toBe(0);
    expect(mailbox.shift()).toBeUndefined();
  });
});
