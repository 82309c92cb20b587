import { toCsv } from '../common/csv';
import { dueLabel, weekday, type IsoDate } from '../dates/calendar-date';
import { fetchDeadlines, type Deadline, type DeadlineQuery } from './deadlines-api';

/** The export's ceiling: beyond it, narrow the filters (the page says so). */
export const CSV_MAX_ROWS = 10_000;
const PAGE = 500;

const HEADER = ['product', 'kind', 'title', 'obligation', 'category', 'studyType', 'ruleId', 'owner', 'dueDate', 'weekday', 'daysLeft', 'status'];

function row(d: Deadline, today: IsoDate): (string | number | null)[] {
  return [d.productName, d.kind, d.title, d.obligationReference, d.category, d.studyType, d.why.ruleId, d.owner, d.dueDate, weekday(d.dueDate), dueLabel(d.dueDate, today), d.status];
}

/**
 * The current view (every page of it, in its order) as CSV, built in the browser from the same
 * GET /api/deadlines query the table shows — so the export sees exactly what the table sees (scope
 * included) — read by cursor (keyset paging: each page costs the same however deep).
 */
export async function deadlinesCsv(query: DeadlineQuery, today: IsoDate): Promise<{ csv: string; rows: number; complete: boolean }> {
  const { page: _page, after: _after, ...view } = query;
  const rows: Deadline[] = [];
  let after: string | null | undefined;
  do {
    const result = await fetchDeadlines({ ...view, pageSize: PAGE, after: after ?? undefined });
    rows.push(...result.items);
    after = result.nextCursor;
  } while (after !== null && rows.length < CSV_MAX_ROWS);
  const kept = rows.slice(0, CSV_MAX_ROWS);
  return { csv: toCsv(HEADER, kept.map((d) => row(d, today))), rows: kept.length, complete: after === null && kept.length === rows.length };
}
