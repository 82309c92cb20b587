import { EntityManager } from 'typeorm';
import { IsoDate } from '../common/calendar-date';

/**
 * A deadline as reminders see it, whatever it belongs to: a milestone (built in), a case's reporting clock, a
 * signal's notification clock — each feature registers its source with DeadlineSources (reminders imports no
 * feature).
 */
export interface DeadlineSubject {
  type: string;
  id: string;
  kind: string;
  productId: string | null;
  obligationId: string | null;
  dueDate: IsoDate;
  title: string;
  owner: string | null;
  productName: string | null;
}

/** How far ahead reminders look, per deadline kind (the longest offset of any policy of that kind). */
export interface Horizon {
  asOf: IsoDate;
  kinds: string[];
  days: number[];
}

export interface DeadlineSource {
  type: string;
  /** Open deadlines of the horizon's kinds due within their kind's horizon (or overdue), ordered by (due date, id), after the given key. */
  open(manager: EntityManager, horizon: Horizon, after: { dueDate: IsoDate; id: string } | null, limit: number): Promise<DeadlineSubject[]>;
  /** Those of the given deadlines that are still open, to re-check at delivery time. */
  findOpen(manager: EntityManager, ids: readonly string[]): Promise<DeadlineSubject[]>;
  /** Marks pending deliveries of deadlines no longer open, or whose due date changed, as cancelled. */
  cancelStale(manager: EntityManager, reason: string): Promise<number>;
}

interface MilestoneRow {
  id: string;
  kind: string;
  product_id: string;
  obligation_id: string | null;
  due_date: string;
  title: string;
  owner: string | null;
  product_name: string | null;
}

const MILESTONE_COLUMNS = `m.id, m.kind, m.product_id, m.obligation_id, m.due_date, m.title, m.owner, p.name AS product_name`;

function toSubject(row: MilestoneRow): DeadlineSubject {
  return {
    type: 'milestone',
    id: row.id,
    kind: row.kind,
    productId: row.product_id,
    obligationId: row.obligation_id,
    dueDate: row.due_date,
    title: row.title,
    owner: row.owner,
    productName: row.product_name,
  };
}

/** Milestones that are planned or in progress (submitted, cancelled or waived ones need no reminder). */
export const milestoneDeadlines: DeadlineSource = {
  type: 'milestone',
  async open(manager, horizon, after, limit) {
    // The key-ordered range scan stops at the longest horizon; the per-kind reach is checked on the rows.
    const rows = await manager.query<MilestoneRow[]>(
      `SELECT ${MILESTONE_COLUMNS}
         FROM milestone m
         JOIN unnest($1::text[], $2::int[]) AS h(kind, days) ON h.kind = m.kind
         JOIN product p ON p.id = m.product_id
        WHERE m.status IN ('planned', 'in-progress') AND m.due_date <= $3::date + $4::int
          AND m.due_date <= $3::date + h.days
          AND ($5::date IS NULL OR (m.due_date, m.id) > ($5::date, $6::uuid))
        ORDER BY m.due_date, m.id
        LIMIT $7`,
      [horizon.kinds, horizon.days, horizon.asOf, Math.max(0, ...horizon.days), after?.dueDate ?? null, after?.id ?? null, limit],
    );
    return rows.map(toSubject);
  },
  async findOpen(manager, ids) {
    const rows = await manager.query<MilestoneRow[]>(
      `SELECT ${MILESTONE_COLUMNS} FROM milestone m JOIN product p ON p.id = m.product_id WHERE m.id = ANY($1::uuid[]) AND m.status IN ('planned', 'in-progress')`,
      [ids],
    );
    return rows.map(toSubject);
  },
  async cancelStale(manager, reason) {
    const rows = await manager.query<{ id: string }[]>(
      `UPDATE reminder_delivery d SET status = 'cancelled', last_error = $1
        WHERE d.status = 'pending' AND d.deadline_type = 'milestone'
          AND NOT EXISTS (SELECT 1 FROM milestone m WHERE m.id = d.deadline_id AND m.due_date = d.due_date AND m.status IN ('planned', 'in-progress'))
        RETURNING d.id`,
      [reason],
    );
    return rows.length;
  },
};

/** Why a pending reminder is not sent. */
export const STALE_DEADLINE = 'deadline met, cancelled or moved before delivery';
