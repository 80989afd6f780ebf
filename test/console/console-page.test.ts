import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActorStatus } from '../../src/runtime/index.js';
import {
  launchChromium,
  openConsole,
  startConsoleServer,
  useCredentials,
  type ConsoleServer,
} from './harness.js';
import { record } from './recorder.js';

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

async function agentsOnServer(): Promise<ActorStatus[]> {
  const { agents } = (await (await fetch(`${server.url}/v1/agents`)).json()) as { agents: ActorStatus[] };
  return agents;
}

async function confirmDialog(page: Page, action: string) {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: action, exact: true }).click();
}

describe('the operator console in Chromium', () => {
  it('loads with no failed request and no console error, and shows every agent by pool', async () => {
    const { page, problems } = await openConsole(browser, server.url);
    const agents = await agentsOnServer();
    for (const pool of ['router', 'technical', 'billing', 'general', 'escalation']) {
      await page.locator(`[data-pool="${pool}"] [data-agent]`).first().waitFor();
    }
    await expect.poll(() => page.locator('[data-agent]').count()).toBe(agents.length);
    await page.locator('.agents .feed-live').waitFor();
    await page.locator('.top .feed-live').waitFor();
    await expect.poll(() => page.locator('[data-figure="llm"]').textContent()).toBe('off');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows a restart clicked in the page: the agent restarting, then idle again', async () => {
    const { page, problems } = await openConsole(browser, server.url);
    await useCredentials(page, { adminToken: ADMIN_TOKEN });
    const card = page.locator('[data-agent="technical-1"]');
    await card.and(page.locator('[data-state="idle"]')).waitFor();
    const states = await record(page, '[data-agent="technical-1"]', 'data-state');

    await page.getByRole('button', { name: 'Restart technical-1', exact: true }).click();
    await confirmDialog(page, 'Restart');

    await page.locator('[data-notice="ok"]', { hasText: 'technical-1: restart done' }).waitFor();
    // The agents stream the page reads is batched: the restart shows within half a second of it.
    await expect.poll(states).toContain('restarting');
    await expect.poll(async () => (await states()).at(-1)).toBe('idle');
    expect((await agentsOnServer()).find((a) => a.id === 'technical-1')?.restarts).toBe(1);
    await expect.poll(() => card.locator('dd').nth(2).textContent()).toBe('1');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('scales a pool up and, once confirmed, back down', async () => {
    const { page, problems } = await openConsole(browser, server.url);
    await useCredentials(page, { adminToken: ADMIN_TOKEN });
    const pool = page.locator('[data-pool="billing"]');
    const before = (await agentsOnServer()).filter((a) => a.type === 'billing').length;
    await expect.poll(() => pool.locator('[data-agent]').count()).toBe(before);

    await pool.getByLabel('Instances of billing').fill(String(before + 2));
    await pool.getByRole('button', { name: 'Scale billing', exact: true }).click();
    await expect.poll(() => pool.locator('[data-agent]').count()).toBe(before + 2);
    expect((await agentsOnServer()).filter((a) => a.type === 'billing')).toHaveLength(before + 2);
    await page.locator('[data-notice="ok"]', { hasText: `billing scaled to ${before + 2}` }).waitFor();

    await pool.getByLabel('Instances of billing').fill(String(before));
    await pool.getByRole('button', { name: 'Scale billing', exact: true }).click();
    await confirmDialog(page, 'Scale down');
    await expect.poll(() => pool.locator('[data-agent]').count()).toBe(before);
    expect((await agentsOnServer()).filter((a) => a.type === 'billing')).toHaveLength(before);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('asks before stopping an agent, and a cancel changes nothing', async () => {
    const { page, problems } = await openConsole(browser, server.url);
    await useCredentials(page, { adminToken: ADMIN_TOKEN });
    await page.getByRole('button', { name: 'Stop general-1', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await agentsOnServer()).find((a) => a.id === 'general-1')?.state).not.toBe('stopped');

    await page.getByRole('button', { name: 'Stop general-1', exact: true }).click();
    await confirmDialog(page, 'Stop');
    await page.locator('[data-agent="general-1"][data-state="stopped"]').waitFor();
    await page.getByRole('button', { name: 'Start general-1', exact: true }).click();
    await page.locator('[data-agent="general-1"][data-state="idle"]').waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows the refusal of a wrong admin token and changes nothing', async () => {
    const { page, problems } = await openConsole(browser, server.url);
    await useCredentials(page, { adminToken: 'not-the-token' });
    const before = (await agentsOnServer()).find((a) => a.id === 'router-1');

    await page.getByRole('button', { name: 'Restart router-1', exact: true }).click();
    await confirmDialog(page, 'Restart');
    await page.locator('[data-notice="error"]', { hasText: 'UNAUTHORIZED' }).waitFor();
    await page.locator('.billing, [data-pool="billing"]').first().waitFor();
    await page.getByLabel('Instances of billing').fill('9');
    await page.getByRole('button', { name: 'Scale billing', exact: true }).click();
    await page
      .locator('[data-notice="error"]', { hasText: 'Scaling billing failed: UNAUTHORIZED' })
      .waitFor();

    const after = await agentsOnServer();
    expect(after.find((a) => a.id === 'router-1')?.restarts).toBe(before?.restarts);
    expect(after.filter((a) => a.type === 'billing').length).toBeLessThan(9);
    expect(problems.filter((p) => !p.startsWith('HTTP 401') && !p.includes('status of 401'))).toEqual([]);
    expect(problems.some((p) => p.startsWith('HTTP 401'))).toBe(true);
    await page.context().close();
  });
});
