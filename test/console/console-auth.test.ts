import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  openConsole,
  startConsoleServer,
  useCredentials,
  type ConsoleServer,
} from './harness.js';

const API_KEY = 'console-test-integrator-key';
let server: ConsoleServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startConsoleServer({ apiKeys: [API_KEY] }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the console where integrator keys are required', () => {
  it('shows its feeds refused without a key, and live once one is given', async () => {
    const { page, problems } = await openConsole(browser, server.url);
    await page.locator('.agents .feed-refused').waitFor();
    await page.locator('.top .feed-refused').waitFor();
    expect(await page.locator('[data-agent]').count()).toBe(0);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.includes('401'))).toBe(true);

    await useCredentials(page, { apiKey: API_KEY });
    await page.locator('.agents .feed-live').waitFor();
    await page.locator('.top .feed-live').waitFor();
    await page.locator('[data-agent="router-1"]').waitFor();
    // The key is kept for this tab only: a reload keeps it, and it never reaches local storage.
    await page.reload();
    await page.locator('[data-agent="router-1"]').waitFor();
    expect(await page.evaluate('localStorage.length')).toBe(0);
    await page.context().close();
  });
});
