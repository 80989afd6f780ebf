import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../src/domain/query.js';
import type { Ticket } from '../../src/domain/ticket.js';
import { FakeLlm } from '../../src/testing/fake-llm.js';
import { launchChromium, openConsole, startConsoleServer, type ConsoleServer } from './harness.js';
import { record } from './recorder.js';

const ANSWER = 'Your invoice is issued on the first day of each month and sent to your billing address.';
const fake = new FakeLlm();
let server: ConsoleServer;
let browser: Browser;

beforeAll(async () => {
  await fake.start();
  // Tokens a beat apart: the page must show the answer growing, not only its end.
  fake.setDefault({ kind: 'text', text: ANSWER, tokenDelayMs: 40 });
  [server, browser] = await Promise.all([
    startConsoleServer({}, { llm: { baseURL: fake.baseURL, apiKey: 'test-key', timeoutMs: 5_000 } }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fake.stop();
});

async function ask(customerId: string, message: string): Promise<QueryResult> {
  const res = await fetch(`${server.url}/v1/queries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customerId, message }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as QueryResult;
}

async function confirmDialog(page: Page, action: string) {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: action, exact: true }).click();
}

describe('working the desk from the console', () => {
  it('streams a try-it answer token by token, as the chosen customer', async () => {
    const { page, problems } = await openConsole(browser, server.url);
    await page.getByLabel('Customer').fill('CUST004');
    await page.getByLabel('Message').fill('When will my invoice for this month arrive?');
    const answers = await record(page, '[data-try-answer]');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('[data-try-done]').waitFor();

    const seen = await answers();
    expect(seen.at(-1)).toBe(ANSWER);
    expect(seen.length).toBeGreaterThan(3);
    for (const partial of seen) expect(ANSWER.startsWith(partial)).toBe(true);
    await expect(page.locator('[data-routed]').textContent()).resolves.toContain('billing');
    const queryId = (await page.locator('[data-try-done] code').textContent()) ?? '';
    const stored = (await (await fetch(`${server.url}/v1/queries/${queryId}`)).json()) as QueryResult;
    expect(stored).toMatchObject({ customerId: 'CUST004', response: ANSWER });
    // The LLM client as the feed reports it: breaker closed, no call out now, the configured cap.
    await expect.poll(() => page.locator('[data-figure="llm"]').textContent()).toMatch(/closed\s*0\/16/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('lists a query as it is answered, opens its trail and answer, and corrects its intent', async () => {
    const { page, problems } = await openConsole(browser, server.url);
    await page.locator('.top .feed-live').waitFor();
    const result = await ask('CUST002', 'My internet connection keeps dropping every evening');

    const row = page.locator(`[data-query="${result.queryId}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(result.intent);
    await row.getByRole('button').click();
    await expect(page.locator('[data-answer]').textContent()).resolves.toBe(result.response);
    await page
      .locator('.trail li.mine', { hasText: 'CUST002' })
      .or(page.locator('.trail li.mine'))
      .first()
      .waitFor();

    const corrected = result.intent === 'app_slow' ? 'error_message' : 'app_slow';
    await page.getByLabel('Correct intent').fill(corrected);
    await page.getByRole('button', { name: 'Send correction', exact: true }).click();
    const outcome = page.locator('[data-notice]', { hasText: `Query ${result.queryId.slice(0, 8)}` });
    await outcome.waitFor();
    // Applied or refused by the desk's validation guard: either way the correction reached the desk.
    await expect(outcome.textContent()).resolves.toMatch(/learned/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('takes a ticket from the queue, assigns it to a colleague and closes it', async () => {
    const escalated = await ask(
      'CUST003',
      'I want to talk to a human now, my lawyer is preparing legal action',
    );
    expect(escalated.ticketId).not.toBeNull();
    const { page, problems } = await openConsole(browser, server.url);
    const ticket = page.locator(`[data-ticket="${escalated.ticketId}"]`);
    await ticket.and(page.locator('[data-status="open"]')).waitFor();

    await ticket.getByRole('button', { name: `Take ticket ${escalated.ticketId}`, exact: true }).click();
    await ticket.and(page.locator('[data-status="assigned"]')).waitFor();
    await ticket.getByLabel('Assign to').fill('Eva');
    await ticket.getByRole('button', { name: `Assign ticket ${escalated.ticketId}`, exact: true }).click();
    await ticket.locator('[data-assignee]', { hasText: 'Eva' }).waitFor();
    const assigned = (await (await fetch(`${server.url}/v1/tickets/${escalated.ticketId}`)).json()) as Ticket;
    expect(assigned).toMatchObject({ status: 'assigned', assignee: 'Eva' });
    await ticket.getByRole('button', { name: `Close ticket ${escalated.ticketId}`, exact: true }).click();
    await confirmDialog(page, 'Close ticket');
    await ticket.waitFor({ state: 'detached' });
    await page.getByLabel('Show').selectOption('closed');
    await ticket.and(page.locator('[data-status="closed"]')).waitFor();

    const stored = (await (await fetch(`${server.url}/v1/tickets/${escalated.ticketId}`)).json()) as Ticket;
    expect(stored.status).toBe('closed');
    await page.locator('[data-notice="ok"]', { hasText: `Ticket ${escalated.ticketId} closed` }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
