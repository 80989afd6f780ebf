import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk } from '../../src/desk/index.js';
import {
  createApp,
  createMetrics,
  startServer,
  toActorLogger,
  type RunningServer,
} from '../../src/http/index.js';
import { TEST_MODEL_CACHE } from '../support/demo-desk.js';
import { memoryLogger } from './helpers.js';

const KEY = 'integrator-key-1';
const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-models-'));
let running: RunningServer;
let openai: OpenAI;

beforeAll(async () => {
  const { logger } = memoryLogger();
  const metrics = createMetrics({ defaultMetrics: false });
  const desk = await createDesk(
    { threads: 1, dataDir, modelCacheDir: TEST_MODEL_CACHE },
    { logger: toActorLogger(logger), observer: metrics.observer },
  );
  const app = createApp({ desk, logger, metrics, options: { rateLimit: null, apiKeys: [KEY] } });
  running = await startServer({ app, host: '127.0.0.1', port: 0 });
  openai = new OpenAI({ apiKey: KEY, baseURL: `${running.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await running?.shutdown({ timeoutMs: 5000 });
  rmSync(dataDir, { recursive: true, force: true });
});

/** What the desk adds to OpenAI's objects; the client passes unknown fields through. */
function swarmOf(value: unknown): { department: string; escalated: boolean; conversationId: string } {
  return (value as { swarm: { department: string; escalated: boolean; conversationId: string } }).swarm;
}

const CRASH_ON_INVOICE = 'The app crashes when I open my invoice';

describe('swarmdesk/<department> models over the real desk, driven by the official openai client', () => {
  it('answers from the department the model names, where the desk model routes elsewhere', async () => {
    const routed = await openai.chat.completions.create({
      model: 'swarmdesk',
      user: 'CUST005',
      messages: [{ role: 'user', content: CRASH_ON_INVOICE }],
    });
    expect(swarmOf(routed).department).toBe('technical');

    const pinned = await openai.chat.completions.create({
      model: 'swarmdesk/billing',
      user: 'CUST005',
      messages: [{ role: 'user', content: CRASH_ON_INVOICE }],
    });
    expect(pinned.model).toBe('swarmdesk/billing');
    expect(swarmOf(pinned)).toMatchObject({ department: 'billing', escalated: false });
    expect(pinned.choices[0]?.message.content).toMatch(/invoice/i);
  });

  it('streams the department’s answer, and still hands a customer who asks for a person to one', async () => {
    const stream = await openai.chat.completions.create({
      model: 'swarmdesk/billing',
      user: 'CUST005',
      messages: [{ role: 'user', content: CRASH_ON_INVOICE }],
      stream: true,
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(content).toMatch(/invoice/i);
    expect(swarmOf(chunks.at(-1))).toMatchObject({ department: 'billing', escalated: false });

    const person = await openai.chat.completions.create({
      model: 'swarmdesk/technical',
      user: `CUST005:${swarmOf(chunks.at(-1)).conversationId}`,
      messages: [{ role: 'user', content: 'I want to talk to a human about my password' }],
    });
    expect(swarmOf(person).escalated).toBe(true);
  });
});
