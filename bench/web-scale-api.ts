/**
 * The API calls a dashboard and the deadlines list make, timed over HTTP against the running server: the
 * first call of each (cold: a fresh server process, its pool and PostgreSQL's plan cache empty — PostgreSQL's
 * buffers and the OS cache are warm from the seeding) and N more, round-robin over the calls (warm).
 */
import { addDays, addMonths, IsoDate } from '../src/common/calendar-date';

export interface Probe {
  label: string;
  path: string;
  /** Whose token: the unrestricted regulatory account or the one scoped to 3 products. */
  as: 'regulatory' | 'scoped';
  /** Follow the first page's keyset cursor (`nextCursor`) and time the next page instead, when the API offers one. */
  followCursor?: boolean;
}

export interface ProbeResult {
  label: string;
  path: string;
  coldMs: number | null;
  medianMs: number | null;
  p95Ms: number | null;
  runs: number;
  bytes: number;
  /** What the answer says about its size: total (and whether exact), or the number of items. */
  summary: string;
  note?: string;
}

export function dashboardProbes(asOf: IsoDate, productName: string, owner: string): Probe[] {
  const d = (query: string): string => `/api/deadlines?${query}`;
  return [
    // The dashboard's own calls (web/src/dashboard), as it makes them.
    { label: 'dashboard: overdue count', path: d('overdue=true&pageSize=1'), as: 'regulatory' },
    { label: 'dashboard: due in 30 d count', path: d('withinDays=30&includeOverdue=false&pageSize=1'), as: 'regulatory' },
    { label: 'dashboard: due list (10)', path: d('withinDays=30&pageSize=10'), as: 'regulatory' },
    { label: 'dashboard: renewal windows', path: '/api/renewal-windows', as: 'regulatory' },
    { label: 'dashboard: clock counts', path: '/api/case-clocks/counts?dueSoonDays=30', as: 'regulatory' },
    { label: 'dashboard: clock counts, scoped', path: '/api/case-clocks/counts?dueSoonDays=30', as: 'scoped' },
    { label: 'dashboard: 5 most urgent clocks', path: '/api/case-clocks?status=open&limit=5', as: 'regulatory' },
    { label: 'deadlines overdue', path: d('overdue=true'), as: 'regulatory' },
    { label: 'deadlines within 30 d', path: d('withinDays=30'), as: 'regulatory' },
    { label: 'deadlines within 90 d', path: d('withinDays=90'), as: 'regulatory' },
    { label: 'deadlines within 90 d, page 2', path: d('withinDays=90&page=2&pageSize=50'), as: 'regulatory' },
    { label: 'deadlines within 90 d, page 100', path: d('withinDays=90&page=100&pageSize=50'), as: 'regulatory' },
    { label: 'deadlines within 90 d, next page by cursor', path: d('withinDays=90&pageSize=50'), as: 'regulatory', followCursor: true },
    { label: 'deadlines within 90 d, due date desc', path: d('withinDays=90&sort=dueDate&order=desc'), as: 'regulatory' },
    { label: 'deadlines within 90 d, by product', path: d('withinDays=90&sort=product'), as: 'regulatory' },
    { label: 'deadlines within 90 d, by kind', path: d('withinDays=90&sort=kind'), as: 'regulatory' },
    { label: 'deadlines within 90 d, by status', path: d('withinDays=90&sort=status'), as: 'regulatory' },
    { label: 'deadlines within 90 d, one product', path: d(`withinDays=90&product=${encodeURIComponent(productName)}`), as: 'regulatory' },
    { label: 'deadlines within 90 d, kind', path: d('withinDays=90&kind=pass-final-report'), as: 'regulatory' },
    { label: 'deadlines within 90 d, owner', path: d(`withinDays=90&owner=${encodeURIComponent(owner)}`), as: 'regulatory' },
    { label: 'deadlines within 90 d, scoped account', path: d('withinDays=90'), as: 'scoped' },
    { label: 'deadlines, all open (no filter)', path: d(''), as: 'regulatory' },
    { label: 'deadlines, all open, page 1000', path: d('page=1000&pageSize=50'), as: 'regulatory' },
    { label: 'deadlines, all open, by product', path: d('sort=product'), as: 'regulatory' },
    { label: 'case clocks open, 50', path: '/api/case-clocks?status=open&limit=50', as: 'regulatory' },
    { label: 'case clocks overdue, 50', path: '/api/case-clocks?overdue=true&limit=50', as: 'regulatory' },
    { label: 'case clocks (default 500)', path: '/api/case-clocks', as: 'regulatory' },
    { label: 'compliance, last 12 months', path: `/api/safety-cases/compliance?from=${addDays(addMonths(asOf, -12), 1)}&to=${asOf}`, as: 'regulatory' },
    { label: 'inbox unread count', path: '/api/inbox/unread-count', as: 'regulatory' },
    { label: 'products', path: '/api/products', as: 'regulatory' },
    { label: 'case list, first page (50)', path: '/api/safety-cases?limit=50', as: 'regulatory' },
    { label: 'case list, default (100)', path: '/api/safety-cases', as: 'regulatory' },
    { label: 'case list, serious, first page', path: '/api/safety-cases?serious=true&limit=50', as: 'regulatory' },
    { label: 'case list, overdue clock', path: '/api/safety-cases?overdue=true&limit=50', as: 'regulatory' },
    { label: 'case list, next page by cursor', path: '/api/safety-cases?limit=50', as: 'regulatory', followCursor: true },
  ];
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) {
    return null;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

function describe(body: unknown): string {
  if (Array.isArray(body)) {
    return `${body.length} items`;
  }
  if (body !== null && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    const items = Array.isArray(o.items) ? o.items.length : Array.isArray(o.cases) ? o.cases.length : null;
    const parts: string[] = [];
    if (items !== null) {
      parts.push(`${items} items`);
    }
    if (typeof o.total === 'number') {
      parts.push(`total ${o.total.toLocaleString('en')}${o.totalIsExact === false ? ' (capped)' : ''}`);
    }
    if (typeof o.unread === 'number') {
      parts.push(`unread ${o.unread}`);
    }
    return parts.join(', ');
  }
  return '';
}

async function call(base: string, path: string, token: string): Promise<{ ms: number; bytes: number; body: unknown }> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) {
    throw new Error(`${path} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return { ms, bytes: Buffer.byteLength(text), body: JSON.parse(text) as unknown };
}

/** The path to time: the probe's, or for a cursor probe the next page's (null when the API gives no cursor). */
async function resolvePath(base: string, probe: Probe, token: string): Promise<string | null> {
  if (probe.followCursor !== true) {
    return probe.path;
  }
  const first = await call(base, probe.path, token);
  const cursor = (first.body as { nextCursor?: unknown }).nextCursor;
  return typeof cursor === 'string' ? `${probe.path}&after=${encodeURIComponent(cursor)}` : null;
}

export async function measureApi(base: string, probes: Probe[], tokens: Record<Probe['as'], string>, runs: number): Promise<ProbeResult[]> {
  const paths = new Map<Probe, string | null>();
  const samples = new Map<Probe, number[]>();
  const results = new Map<Probe, ProbeResult>();
  for (const probe of probes) {
    const path = await resolvePath(base, probe, tokens[probe.as]);
    paths.set(probe, path);
    samples.set(probe, []);
    if (path === null) {
      results.set(probe, { label: probe.label, path: probe.path, coldMs: null, medianMs: null, p95Ms: null, runs: 0, bytes: 0, summary: '', note: 'no nextCursor in the answer' });
      continue;
    }
    const cold = await call(base, path, tokens[probe.as]);
    results.set(probe, { label: probe.label, path, coldMs: cold.ms, medianMs: null, p95Ms: null, runs: 0, bytes: cold.bytes, summary: describe(cold.body) });
  }
  for (let run = 0; run < runs; run++) {
    for (const probe of probes) {
      const path = paths.get(probe);
      if (path !== null && path !== undefined) {
        samples.get(probe)?.push((await call(base, path, tokens[probe.as])).ms);
      }
    }
  }
  return probes.map((probe) => {
    const result = results.get(probe) as ProbeResult;
    const sorted = [...(samples.get(probe) ?? [])].sort((a, b) => a - b);
    return { ...result, medianMs: percentile(sorted, 50), p95Ms: percentile(sorted, 95), runs: sorted.length };
  });
}

export function printApiResults(results: ProbeResult[], print: (line: string) => void): void {
  const ms = (value: number | null): string => (value === null ? '—' : value.toFixed(1));
  const width = Math.max(...results.map((r) => r.label.length));
  print(`  ${'call'.padEnd(width)}  ${'cold ms'.padStart(8)}  ${'median'.padStart(7)}  ${'p95'.padStart(7)}  answer`);
  for (const r of results) {
    print(`  ${r.label.padEnd(width)}  ${ms(r.coldMs).padStart(8)}  ${ms(r.medianMs).padStart(7)}  ${ms(r.p95Ms).padStart(7)}  ${r.note ?? `${r.summary}; ${(r.bytes / 1024).toFixed(1)} KB`}`);
  }
}
