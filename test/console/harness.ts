import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { createDesk } from '../../src/desk/index.js';
import {
  createApp,
  createMetrics,
  startServer,
  toActorLogger,
  type HttpOptions,
  type RunningServer,
  type SwarmApp,
} from '../../src/http/index.js';
import { memoryLogger } from '../http/helpers.js';
import { TEST_MODEL_CACHE } from '../support/demo-desk.js';

type DeskOptions = NonNullable<Parameters<typeof createDesk>[0]>;

/** The system Chromium (Debian package `chromium`; .ci/run installs it): nothing downloads a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  // Playwright gives every launch a fresh temporary profile (user data dir) of its own.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface ConsoleServer {
  app: SwarmApp;
  running: RunningServer;
  url: string;
  close(): Promise<void>;
}

/** The real desk (offline, one thread) behind the real edge on an ephemeral port, with the console built for this run. */
export async function startConsoleServer(
  options: HttpOptions = {},
  deskOptions: Omit<DeskOptions, 'threads' | 'dataDir' | 'modelCacheDir'> = {},
): Promise<ConsoleServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-console-desk-'));
  const { logger } = memoryLogger();
  const metrics = createMetrics({ defaultMetrics: false });
  const desk = await createDesk(
    { ...deskOptions, threads: 1, dataDir, modelCacheDir: TEST_MODEL_CACHE },
    { logger: toActorLogger(logger), observer: metrics.observer },
  );
  const app = createApp({
    desk,
    logger,
    metrics,
    options: { rateLimit: null, ...options },
    consoleDir: inject('consoleDir'),
  });
  const running = await startServer({ app, host: '127.0.0.1', port: 0 });
  return {
    app,
    running,
    url: running.url,
    close: async () => {
      await running.shutdown({ timeoutMs: 5000 });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface WatchedPage {
  page: Page;
  /** Console errors, page errors, failed requests and error statuses seen so far. */
  problems: string[];
}

/** A page in a context of its own, with every console error and failed request recorded. */
export async function openConsole(
  browser: Browser,
  url: string,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Streams still open when a test ends are cut by the page closing, not failing.
    if (!page.isClosed()) problems.push(`failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(`${url}/console`);
  return { page, problems };
}

/** Enters credentials the way an operator does: in the header's fields. */
export async function useCredentials(page: Page, credentials: { adminToken?: string; apiKey?: string }) {
  if (credentials.adminToken !== undefined) await page.getByLabel('Admin token').fill(credentials.adminToken);
  if (credentials.apiKey !== undefined) await page.getByLabel('API key').fill(credentials.apiKey);
  await page.getByRole('button', { name: 'Use', exact: true }).click();
}
