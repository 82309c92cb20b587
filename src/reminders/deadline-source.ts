import { EntityManager } from 'typeorm';
import { IsoDate } from '../common/calendar-date';

/**
 * A deadline as reminders see it, whatever it belongs to: a milestone today; a case's reporting clock or a
 * signal's assessment clock when those modules arrive (each adds a source).
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

export interface DeadlineSource {
  type: string;
  /** Open deadlines due on or before `until`, ordered by (due date, id), after the given key. */
  open(manager: EntityManager, until: IsoDate, after: { dueDate: IsoDate; id: string } | null, limit: number): Promise<DeadlineSubject[]>;
  /** The deadline if it is still open, to re-check at delivery time. */
  find(manager: EntityManager, id: string): Promise<DeadlineSubject | null>;
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
  async open(manager, until, after, limit) {
    const rows = await manager.query<MilestoneRow[]>(
      `SELECT ${MILESTONE_COLUMNS}
         FROM milestone m JOIN product p ON p.id = m.product_id
        WHERE m.status IN ('planned', 'in-progress') AND m.due_date <= $1
          AND ($2::date IS NULL OR (m.due_date, m.id) > ($2::date, $3::uuid))
        ORDER BY m.due_date, m.id
        LIMIT $4`,
      [until, after?.dueDate ?? null, after?.id ?? null, limit],
    );
    return rows.map(toSubject);
  },
  async find(manager, id) {
    const [row] = await manager.query<MilestoneRow[]>(
      `SELECT ${MILESTONE_COLUMNS} FROM milestone m JOIN product p ON p.id = m.product_id WHERE m.id = $1 AND m.status IN ('planned', 'in-progress')`,
      [id],
    );
    return row === undefined ? null : toSubject(row);
  },
};

export const DEADLINE_SOURCES: readonly DeadlineSource[] = [milestoneDeadlines];

/** Why a pending reminder is not sent. */
export const STALE_DEADLINE = 'deadline met, cancelled or moved before delivery';
