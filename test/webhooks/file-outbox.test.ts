import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileOutbox } from '../../src/webhooks/index.js';
import { outboxConformance, sampleDelivery } from './outbox-conformance.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-outbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
let path = '';

outboxConformance('file', {
  create: () => createFileOutbox({ path: (path = join(dir, `outbox-${++n}`, 'webhooks.json')) }),
  reopen: () => createFileOutbox({ path }),
});

describe('file webhook outbox', () => {
  it('keeps a bounded tail of finished deliveries, and every pending one', async () => {
    const outbox = await createFileOutbox({ path: join(dir, 'bounded.json'), maxFinished: 2 });
    await outbox.add([
      sampleDelivery('p', { nextAttemptAt: 1 }),
      ...['d1', 'd2', 'd3'].map((id) => sampleDelivery(id, { status: 'delivered', nextAttemptAt: null })),
    ]);
    expect((await outbox.list()).map((d) => d.id).sort()).toEqual(['d2', 'd3', 'p']);
    await outbox.close();
  });

  it('refuses a file that is not an outbox with STORE_CORRUPT naming it', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"deliveries": 3}');
    await expect(createFileOutbox({ path: bad })).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
  });
});
