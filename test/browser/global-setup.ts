import { chromium, type BrowserServer } from 'playwright-core';
import serverGlobalSetup from '../global-setup';
import { CHROMIUM_ARGS, chromiumExecutable } from './chromium';
import { createDemoTemplate } from './demo-template';
import { buildWebIfStale } from './web-build';

declare global {
  var cmaBrowserServer: BrowserServer | undefined;
}

/**
 * The browser tests' set-up: the run's migrated template database (as for the server tests) and a copy with
 * the demo data, the web application built when missing or stale, and one headless Chromium for the run's
 * worker (one file at a time), whose address the test files connect to. Chromium missing fails the run.
 */
export default async function globalSetup(): Promise<void> {
  const executablePath = chromiumExecutable();
  buildWebIfStale();
  await serverGlobalSetup();
  await createDemoTemplate();
  const server = await chromium.launchServer({ executablePath, headless: true, args: CHROMIUM_ARGS });
  globalThis.cmaBrowserServer = server;
  process.env.CMA_BROWSER_WS = server.wsEndpoint();
}
