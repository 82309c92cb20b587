import { toCsv } from '../common/csv';
import { fetchCases, type CaseListItem, type CaseQuery } from './cases-api';

/** The export's ceiling: beyond it, narrow the filters (the page says so). */
export const CSV_MAX_ROWS = 10_000;
const PAGE = 1000;

const HEADER = ['safetyReportId', 'product', 'reportType', 'status', 'initialReceiptOn', 'latestDay0', 'serious', 'seriousCriteria', 'seriousUnexpected', 'preferredTerms', 'clockDueOn', 'clockDaysLeft', 'clockRule', 'synthetic'];

function row(c: CaseListItem): (string | number | boolean | null)[] {
  return [
    c.safetyReportId,
    c.productName ?? c.reportedProduct,
    c.reportType,
    c.status,
    c.initialReceiptOn,
    c.latestDay0,
    c.serious,
    c.seriousCriteria.join('; '),
    c.seriousUnexpected,
    c.preferredTerms.join('; '),
    c.nextClock?.dueOn ?? null,
    c.nextClock?.daysLeft ?? null,
    c.nextClock?.ruleId ?? null,
    c.synthetic,
  ];
}

/**
 * The current view (every page of it, from the first, in its order) as CSV, built from the same
 * GET /api/safety-cases query the table shows — scope included — read by cursor.
 */
export async function casesCsv(query: CaseQuery): Promise<{ csv: string; rows: number; complete: boolean }> {
  const { after: _after, ...view } = query;
  const rows: CaseListItem[] = [];
  let after: string | null | undefined;
  do {
    const result = await fetchCases({ ...view, limit: PAGE, after: after ?? undefined });
    rows.push(...result.cases);
    after = result.nextCursor;
  } while (after !== null && rows.length < CSV_MAX_ROWS);
  const kept = rows.slice(0, CSV_MAX_ROWS);
  return { csv: toCsv(HEADER, kept.map(row)), rows: kept.length, complete: after === null && kept.length === rows.length };
}
