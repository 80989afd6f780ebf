import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesk } from '../../src/desk/index.js';
import { toyModel } from '../nlu/toy-data.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'swarmdesk-user-model-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("a user's own intent model on a desk", () => {
  it('is refused when its mapping sends labels to departments the desk does not have, naming them', async () => {
    const modelFile = join(dir, 'model.json');
    writeFileSync(modelFile, JSON.stringify(toyModel().model.toJSON()));
    const mappingFile = join(dir, 'mapping.json');
    writeFileSync(mappingFile, JSON.stringify({ labels: { refund_request: 'sales' }, default: 'general' }));
    await expect(
      createDesk({ threads: 1, dataDir: dir, intentModelPath: modelFile, intentMappingPath: mappingFile }),
    ).rejects.toThrow(
      /departments the desk does not have: sales \(the desk has: technical, billing, general, escalation\)/,
    );
  });
});
