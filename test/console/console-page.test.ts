import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  openConsole,
  startConsoleServer,
  useCredentials,
  type ConsoleServer,
} from './harness.js';

const ADMIN_TOKEN = 'console-test-admin-token';
let server: ConsoleServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startConsoleServer({ adminToken: ADMIN_TOKEN }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the operator console in Chromium', () => {
  it('loads with no failed request and no console error, and shows every agent by pool', async () => {
    const { page, problems } = await openConsole(browser, server.url);
    for (const pool of ['router', 'technical', 'billing', 'general', 'escalation']) {
      await page.locator(`[data-pool="${pool}"] [data-agent]`).first().waitFor();
    }
    await page.getByText('live').first().waitFor();
    await page.screenshot({ path: '/tmp/i19-console.png', fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
