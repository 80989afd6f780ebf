/**
 * Takes the screenshots of docs/console.md: a real desk (offline routing, a scripted LLM for the
 * answers so the token chart has data) under steady traffic, photographed in the system Chromium at
 * 1280 and 390 px, light and dark. `npx tsx scripts/console-screenshots.ts` (needs `npm run build`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { pino } from 'pino';
import { createDesk } from '../src/desk/index.js';
import { createApp, createMetrics, startServer, toActorLogger } from '../src/http/index.js';
import { FakeLlm } from '../src/testing/index.js';
import { MESSAGE_MIX, benchCustomersFile } from '../bench/lib/messages.js';

const images = fileURLToPath(new URL('../docs/images/', import.meta.url));
const TRAFFIC_SECONDS = 75;

const fake = new FakeLlm();
await fake.start();
fake.setDefault(() => ({
  kind: 'text',
  text: 'Thanks for reaching out. Here is what to do next, step by step, and what happens after.',
  delayMs: 20 + Math.floor(Math.random() * 60),
  tokenDelayMs: 2,
  usage: { prompt_tokens: 180 + Math.floor(Math.random() * 60), completion_tokens: 18 },
}));
const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-screens-'));
const logger = pino({ level: 'silent' });
const metrics = createMetrics({ defaultMetrics: false });
const desk = await createDesk(
  {
    threads: 2,
    dataDir,
    // Many customers, each writing now and then: seven demo customers writing all the time would
    // make nearly every query a repeat-contact escalation.
    customersFile: benchCustomersFile(),
    llm: { baseURL: fake.baseURL, apiKey: 'screens', timeoutMs: 5000, routerThreshold: 0 },
  },
  { logger: toActorLogger(logger), observer: metrics.observer },
);
const app = createApp({ desk, logger, metrics, options: { rateLimit: null } });
const running = await startServer({ app, host: '127.0.0.1', port: 0 });

const customer = (n: number) => `BENCH-${String(1 + ((n * 7919) % 20_000)).padStart(5, '0')}`;
let sent = 0;
const ask = (customerId: string, message: string) =>
  fetch(`${running.url}/v1/queries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customerId, message }),
  }).then((res) => res.json());

// Traffic that rises and falls, so the charts have a shape.
const until = Date.now() + TRAFFIC_SECONDS * 1000;
const traffic = (async () => {
  while (Date.now() < until) {
    const phase = Math.sin(((until - Date.now()) / 1000 / TRAFFIC_SECONDS) * Math.PI * 3);
    const burst = 2 + Math.round(4 * (1 + phase));
    await Promise.all(
      Array.from({ length: burst }, () => {
        const message = MESSAGE_MIX[sent % MESSAGE_MIX.length]!.text;
        return ask(customer(sent++), message);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
})();
await traffic;
await ask('CUST003', 'I want to talk to a human now, my lawyer is preparing legal action');
await ask('CUST006', 'This is the third time I am writing, I want a manager');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
for (const shot of [
  { name: 'console-1280-light', width: 1280, height: 900, scheme: 'light', full: true },
  { name: 'console-1280-dark', width: 1280, height: 900, scheme: 'dark', full: false },
  { name: 'console-390-light', width: 390, height: 844, scheme: 'light', full: false },
  { name: 'console-390-dark', width: 390, height: 844, scheme: 'dark', full: false },
] as const) {
  const context = await browser.newContext({
    viewport: { width: shot.width, height: shot.height },
    deviceScaleFactor: 1,
    colorScheme: shot.scheme,
  });
  const page = await context.newPage();
  await page.goto(`${running.url}/console`);
  await page.locator('.top .feed-live').waitFor();
  await page.locator('[data-agent]').first().waitFor();
  await page.locator('[data-query]').first().waitFor();
  if (shot.full) {
    await page.getByLabel('Message').fill('I was charged twice for my subscription this month');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('[data-try-done]').waitFor();
    await page.locator('[data-query] button').first().click();
    await page.locator('[data-answer]').waitFor();
    await page.locator('[data-pool="router"] summary').click();
    await page.waitForTimeout(500);
    await page.locator('.detail').screenshot({ path: join(images, 'console-query.png') });
  }
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(images, `${shot.name}.png`), fullPage: shot.full });
  await context.close();
  console.log(`${shot.name}.png`);
}
await browser.close();
await running.shutdown({ timeoutMs: 5000 });
await fake.stop();
rmSync(dataDir, { recursive: true, force: true });
