import type { DeadlineSource, DeadlineSubject } from '../reminders/deadline-source';

/** Reminder kind of the emerging-safety-issue notification (policy row seeded by the SignalManagement migration). */
export const ESI_KIND = 'emerging-safety-issue';

interface EsiRow {
  id: string;
  product_id: string;
  esi_due_on: string;
  title: string;
  product_name: string | null;
}

const COLUMNS = `s.id, s.product_id, s.esi_due_on, 'Emerging safety issue: notify EMA and the NCAs — ' || s.title || ' (' || s.esi_rule_id || ')' AS title, p.name AS product_name`;

function toSubject(row: EsiRow): DeadlineSubject {
  return { type: 'signal-esi', id: row.id, kind: ESI_KIND, productId: row.product_id, obligationId: null, dueDate: row.esi_due_on, title: row.title, owner: null, productName: row.product_name };
}

/** Emerging safety issues not yet notified, reminded like any other deadline. */
export const signalEsiDeadlines: DeadlineSource = {
  type: 'signal-esi',
  async open(manager, horizon, after, limit) {
    const index = horizon.kinds.indexOf(ESI_KIND);
    if (index < 0) {
      return [];
    }
    const rows = await manager.query<EsiRow[]>(
      `SELECT ${COLUMNS} FROM safety_signal s JOIN product p ON p.id = s.product_id
        WHERE s.esi_due_on IS NOT NULL AND s.esi_notified_on IS NULL AND s.esi_due_on <= $1::date + $2::int
          AND ($3::date IS NULL OR (s.esi_due_on, s.id) > ($3::date, $4::uuid))
        ORDER BY s.esi_due_on, s.id
        LIMIT $5`,
      [horizon.asOf, horizon.days[index], after?.dueDate ?? null, after?.id ?? null, limit],
    );
    return rows.map(toSubject);
  },
  async findOpen(manager, ids) {
    const rows = await manager.query<EsiRow[]>(`SELECT ${COLUMNS} FROM safety_signal s JOIN product p ON p.id = s.product_id WHERE s.id = ANY($1::uuid[]) AND s.esi_due_on IS NOT NULL AND s.esi_notified_on IS NULL`, [ids]);
    return rows.map(toSubject);
  },
  async cancelStale(manager, reason) {
    const rows = await manager.query<{ id: string }[]>(
      `UPDATE reminder_delivery d SET status = 'cancelled', last_error = $1
        WHERE d.status = 'pending' AND d.deadline_type = 'signal-esi'
          AND NOT EXISTS (SELECT 1 FROM safety_signal s WHERE s.id = d.deadline_id AND s.esi_due_on = d.due_date AND s.esi_notified_on IS NULL)
        RETURNING d.id`,
      [reason],
    );
    return rows.length;
  },
};
