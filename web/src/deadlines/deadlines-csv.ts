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
 * GET /api/deadlines query the table shows — so the export sees exactly what the table sees (scope included).
 */
export async function deadlinesCsv(query: DeadlineQuery, today: IsoDate): Promise<{ csv: string; rows: number; total: number }> {
  const rows: Deadline[] = [];
  let total = 0;
  for (let page = 1; rows.length < CSV_MAX_ROWS; page += 1) {
    const result = await fetchDeadlines({ ...query, page, pageSize: PAGE });
    total = result.total;
    rows.push(...result.items);
    if (result.items.length < PAGE || rows.length >= total) {
      break;
    }
  }
  const kept = rows.slice(0, CSV_MAX_ROWS);
  return { csv: toCsv(HEADER, kept.map((d) => row(d, today))), rows: kept.length, total };
}
