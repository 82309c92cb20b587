/**
 * Time from navigation to "the data is visible" in headless Chromium (Debian's, driven by playwright-core),
 * signed in through POST /api/auth/session (the HttpOnly `cma_session` cookie).
 *
 * What counts as "visible" is a marker per page, below in PAGES: ADJUST THEM when the web app's markup changes.
 * They use roles, not CSS: a table with at least one data row (row 0 is the header), after the page's heading.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export interface PageMarker {
  name: string;
  path: string;
  /** Resolves once the page shows its data. */
  ready: (page: Page) => Promise<void>;
  /** What `ready` waits for, printed with the figures. */
  describes: string;
  /** The page's link in the main navigation, for the in-app navigation figure. */
  nav: string;
}

const TIMEOUT_MS = 30_000;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

async function firstDataRow(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await page.getByRole('table').first().getByRole('row').nth(1).waitFor({ state: 'visible', timeout: TIMEOUT_MS });
}

/** The dashboard is ready when its counts, the due list and the renewal windows all show their data. */
async function dashboardData(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await Promise.all([
    page.getByRole('link', { name: /^\d+\+? overdue deadlines$/ }).waitFor({ state: 'visible', timeout: TIMEOUT_MS }),
    page.getByRole('table', { name: 'Overdue and due soon' }).getByRole('row').nth(1).waitFor({ state: 'visible', timeout: TIMEOUT_MS }),
    page.getByRole('table', { name: 'Renewal windows' }).getByRole('row').nth(1).waitFor({ state: 'visible', timeout: TIMEOUT_MS }),
  ]);
}

export const PAGES: PageMarker[] = [
  { name: 'dashboard', path: '/', ready: dashboardData, describes: 'h1, the overdue count, a data row in "Overdue and due soon" and in "Renewal windows" all visible', nav: 'Dashboard' },
  { name: 'deadlines', path: '/deadlines', ready: firstDataRow, describes: 'h1 visible and the first table has a data row', nav: 'Deadlines' },
];

export interface PageTiming {
  name: string;
  path: string;
  describes: string;
  cold: number[];
  warm: number[];
  /** From a click on the page's navigation link, the app already open on another page (how people move between pages). */
  inApp: number[];
  /** Per cold run, from the page's own Navigation/Resource Timing (ms after navigation start). */
  coldPhases: Phases[];
  /** API calls the page made on its last cold load: path and duration (ms, request start to response end). */
  apiCalls: { path: string; ms: number; status: number }[];
}

export interface Phases {
  /** index.html received. */
  document: number;
  /** The first API request started (the app's script has loaded and run). */
  firstApiStart: number;
  /** The last API answer of the load received. */
  lastApiEnd: number;
}

async function phasesOf(page: Page): Promise<Phases> {
  return page.evaluate(() => {
    // Runs in the page: the browser's Navigation and Resource Timing entries (typed here by the fields read).
    type Timed = { name: string; startTime: number; responseEnd: number };
    const entries = (type: string): Timed[] => (performance as unknown as { getEntriesByType: (type: string) => Timed[] }).getEntriesByType(type);
    const navigation = entries('navigation')[0];
    const api = entries('resource').filter((e) => new URL(e.name).pathname.startsWith('/api/'));
    return {
      document: navigation?.responseEnd ?? NaN,
      firstApiStart: Math.min(...api.map((e) => e.startTime)),
      lastApiEnd: Math.max(...api.map((e) => e.responseEnd)),
    };
  });
}

async function timedNavigation(page: Page, base: string, marker: PageMarker, apiCalls?: PageTiming['apiCalls']): Promise<number> {
  if (apiCalls !== undefined) {
    apiCalls.length = 0;
    page.on('requestfinished', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) {
        void request.response().then((response) => {
          const timing = request.timing();
          apiCalls.push({ path: `${url.pathname}${url.search}`, ms: Math.round(timing.responseEnd), status: response?.status() ?? 0 });
        });
      }
    });
  }
  const started = performance.now();
  await page.goto(`${base}${marker.path}`, { waitUntil: 'commit', timeout: TIMEOUT_MS });
  await marker.ready(page);
  return performance.now() - started;
}

export async function measurePages(base: string, credentials: { username: string; password: string }, runs: number): Promise<PageTiming[]> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--no-zygote', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const signIn = await browser.newContext({ baseURL: base });
    const response = await signIn.request.post('/api/auth/session', { data: credentials });
    if (!response.ok()) {
      throw new Error(`browser sign-in answered ${response.status()}: ${await response.text()}`);
    }
    const storageState = await signIn.storageState();
    await signIn.close();
    const context = (): Promise<BrowserContext> => browser.newContext({ baseURL: base, storageState, viewport: { width: 1280, height: 800 } });
    const results: PageTiming[] = [];
    for (const marker of PAGES) {
      const result: PageTiming = { name: marker.name, path: marker.path, describes: marker.describes, cold: [], warm: [], inApp: [], coldPhases: [], apiCalls: [] };
      // Cold: a new browser context each time (empty HTTP cache: the app's scripts are fetched too).
      for (let run = 0; run < runs; run++) {
        const fresh = await context();
        const page = await fresh.newPage();
        result.cold.push(await timedNavigation(page, base, marker, run === runs - 1 ? result.apiCalls : undefined));
        result.coldPhases.push(await phasesOf(page));
        await fresh.close();
      }
      // Warm: one context, the page loaded again (scripts from the cache; the API answers are never cached).
      const warm = await context();
      const page = await warm.newPage();
      await timedNavigation(page, base, marker);
      for (let run = 0; run < runs; run++) {
        result.warm.push(await timedNavigation(page, base, marker));
      }
      // In the app: open another page, then follow the navigation link (no page load; the API answers are fetched).
      for (let run = 0; run < runs; run++) {
        await page.goto(`${base}/profile`, { waitUntil: 'commit', timeout: TIMEOUT_MS });
        await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        const started = performance.now();
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: marker.nav, exact: true }).click();
        await marker.ready(page);
        result.inApp.push(performance.now() - started);
      }
      await warm.close();
      results.push(result);
    }
    return results;
  } finally {
    await browser.close();
  }
}

export function printPageResults(results: PageTiming[], print: (line: string) => void): void {
  const stats = (values: number[]): string => {
    const sorted = [...values].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
    return `min ${(sorted[0] ?? NaN).toFixed(0)} ms, median ${median.toFixed(0)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms (${values.map((v) => v.toFixed(0)).join(', ')} in run order)`;
  };
  for (const r of results) {
    print(`  ${r.name} (${r.path}; ready = ${r.describes})`);
    print(`    cold (new context, empty cache): ${stats(r.cold)}`);
    print(`    warm (same context, reloaded):   ${stats(r.warm)}`);
    print(`    in the app (nav link clicked):   ${stats(r.inApp)}`);
    const median = (key: keyof Phases): string => ([...r.coldPhases.map((p) => p[key])].sort((a, b) => a - b)[Math.floor((r.coldPhases.length - 1) / 2)] ?? NaN).toFixed(0);
    print(`    cold, medians by the page's own timing: index.html ${median('document')} ms, first API request ${median('firstApiStart')} ms (scripts loaded and run), last API answer ${median('lastApiEnd')} ms`);
    print(`    API calls of the last cold load: ${r.apiCalls.map((c) => `${c.path} ${c.ms} ms${c.status === 200 ? '' : ` [${c.status}]`}`).join('; ') || 'none seen'}`);
  }
}
