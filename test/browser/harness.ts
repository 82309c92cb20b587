import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../src/auth/browser-session';
import { DossierJobs } from '../../src/dossier/dossier-jobs';
import { createTestApp, TEST_PASSWORD, type SignedInUser, type TestApp } from '../test-app';
import { DEMO_TODAY, demoTemplateName } from './demo-template';

/** Screenshots of failed browser tests (gitignored). */
export const FAILURE_DIR = resolve(__dirname, '..', '..', 'test-results', 'browser');

declare global {
  var cmaFailedTest: string | undefined;
}

export interface WebApp {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (1280×800, en-GB) and page; signed in as `as` by the API and the cookie, unless omitted. */
  open(options?: { as?: { username: string; password?: string }; session?: { token: string }; timezoneId?: string; path?: string }): Promise<Page>;
  /** The session cookie and CSRF token of a browser sign-in, through the API. */
  browserSession(user: { username: string; password?: string }): Promise<{ token: string; csrfToken: string }>;
  close(): Promise<void>;
}

/**
 * The real server (createTestApp: own database, real PostgreSQL and Redis) listening on an ephemeral
 * 127.0.0.1 port and serving dist/web, today being the demo's date (2026-11-21), optionally with the demo
 * products (cloned from the run's demo database), optionally running the renewal-dossier job worker in this
 * process as test/dossier.e2e.spec.ts does (off by default; it closes with the app), and the run's Chromium.
 * Registers an afterEach that keeps a screenshot of every open page when a test failed.
 */
export function useWebApp(options: { demo?: boolean; dossierWorker?: boolean } = {}): () => WebApp {
  let web: WebApp | undefined;
  const contexts: BrowserContext[] = [];
  const file = basename(expect.getState().testPath ?? 'browser', '.spec.ts');

  beforeAll(async () => {
    const t = await createTestApp({ today: DEMO_TODAY, template: options.demo === true ? demoTemplateName() : undefined });
    if (options.dossierWorker === true) {
      t.app.get(DossierJobs).start();
    }
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    const endpoint = process.env.CMA_BROWSER_WS;
    if (endpoint === undefined) {
      throw new Error('CMA_BROWSER_WS is not set: run the browser tests through jest (test/browser/global-setup.ts)');
    }
    const browser = await chromium.connect(endpoint);
    const browserSession = async (user: { username: string; password?: string }): Promise<{ token: string; csrfToken: string }> => {
      const response = await fetch(`${baseUrl}/api/auth/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: user.username, password: user.password ?? TEST_PASSWORD }),
      });
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
      if (response.status !== 200 || cookie === undefined) {
        throw new Error(`browser sign-in of ${user.username} answered ${response.status}: ${await response.text()}`);
      }
      const body = (await response.json()) as { csrfToken: string };
      return { token: cookie.split(';')[0]!.slice(SESSION_COOKIE.length + 1), csrfToken: body.csrfToken };
    };
    web = {
      t,
      baseUrl,
      browser,
      browserSession,
      open: async ({ as, session, timezoneId, path } = {}) => {
        const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId });
        contexts.push(context);
        if (as !== undefined || session !== undefined) {
          // A session made once (`browserSession`) can open many pages without signing in again each time.
          const { token } = session ?? (await browserSession(as ?? { username: '' }));
          await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseUrl, httpOnly: true, sameSite: 'Strict' }]);
        }
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        if (path !== undefined) {
          await page.goto(path);
        }
        return page;
      },
      close: async () => {
        await browser.close();
        await t.close();
      },
    };
  });

  afterEach(async () => {
    const failed = globalThis.cmaFailedTest;
    if (failed !== undefined) {
      mkdirSync(FAILURE_DIR, { recursive: true });
      const name = `${file}--${failed}`.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 150);
      const pages = contexts.flatMap((c) => c.pages());
      await Promise.all(pages.map((page, i) => page.screenshot({ path: join(FAILURE_DIR, `${name}${pages.length > 1 ? `-${i + 1}` : ''}.png`), fullPage: true }).catch(() => undefined)));
    }
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await web?.close();
  });

  return () => {
    if (web === undefined) {
      throw new Error('the web app is not started (beforeAll failed?)');
    }
    return web;
  };
}

/** A test user's credentials for the browser. */
export function credentials(user: SignedInUser): { username: string; password: string } {
  return { username: user.username, password: user.password };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core in the page: the serious and critical violations, one line each (expect it to equal []).
 * Injected by evaluation, not a <script> tag: the app's Content-Security-Policy refuses inline scripts.
 * It runs once finite animations have ended: text in a dialog still fading in has a blended colour that
 * fails the contrast check at random (endless ones, such as a loader's spin, are not waited for).
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.waitForFunction(() => {
    type Running = { playState: string; effect: { getComputedTiming: () => { endTime?: number | string } } | null };
    const scope = globalThis as unknown as { document: { getAnimations: () => Running[] } };
    return scope.document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().endTime === Infinity);
  });
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const scope = globalThis as unknown as { document: unknown; axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } };
    const result = await scope.axe.run(scope.document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Polls until `condition` holds (10 s at most), for states that no element's appearance marks. */
export async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
