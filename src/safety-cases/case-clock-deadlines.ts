import type { DeadlineSource, DeadlineSubject } from '../reminders/deadline-source';

interface ClockRow {
  id: string;
  product_id: string | null;
  due_on: string;
  title: string;
  product_name: string | null;
}

/** Reminder kind of every case reporting clock (policy row seeded by the SafetyCases migration). */
export const CASE_CLOCK_KIND = 'icsr';

const COLUMNS = `c.id, c.product_id, c.due_on,
  'ICSR ' || s.safety_report_id || ' v' || c.version || ': report due (' || c.rule_id || ')' AS title, p.name AS product_name`;

function toSubject(row: ClockRow): DeadlineSubject {
  return {
    type: 'case-clock',
    id: row.id,
    kind: CASE_CLOCK_KIND,
    productId: row.product_id,
    obligationId: null,
    dueDate: row.due_on,
    title: row.title,
    owner: null,
    productName: row.product_name,
  };
}

/** Open reporting clocks of safety cases, reminded like any other deadline. */
export const caseClockDeadlines: DeadlineSource = {
  type: 'case-clock',
  async open(manager, horizon, after, limit) {
    const index = horizon.kinds.indexOf(CASE_CLOCK_KIND);
    if (index < 0) {
      return [];
    }
    const rows = await manager.query<ClockRow[]>(
      `SELECT ${COLUMNS}
         FROM case_clock c JOIN safety_case s ON s.id = c.case_id LEFT JOIN product p ON p.id = c.product_id
        WHERE c.status = 'open' AND c.due_on <= $1::date + $2::int
          AND ($3::date IS NULL OR (c.due_on, c.id) > ($3::date, $4::uuid))
        ORDER BY c.due_on, c.id
        LIMIT $5`,
      [horizon.asOf, horizon.days[index], after?.dueDate ?? null, after?.id ?? null, limit],
    );
    return rows.map(toSubject);
  },
  async findOpen(manager, ids) {
    const rows = await manager.query<ClockRow[]>(
      `SELECT ${COLUMNS} FROM case_clock c JOIN safety_case s ON s.id = c.case_id LEFT JOIN product p ON p.id = c.product_id
        WHERE c.id = ANY($1::uuid[]) AND c.status = 'open'`,
      [ids],
    );
    return rows.map(toSubject);
  },
  async cancelStale(manager, reason) {
    const rows = await manager.query<{ id: string }[]>(
      `UPDATE reminder_delivery d SET status = 'cancelled', last_error = $1
        WHERE d.status = 'pending' AND d.deadline_type = 'case-clock'
          AND NOT EXISTS (SELECT 1 FROM case_clock c WHERE c.id = d.deadline_id AND c.due_on = d.due_date AND c.status = 'open')
        RETURNING d.id`,
      [reason],
    );
    return rows.length;
  },
};
