import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that let the big lists read a page in their own order instead of sorting every match (measured with
 * `npm run bench:web`: 100,000 open milestones, 1,000,000 cases and their clocks):
 * - open milestones by product, kind, status and owner, each then by due date and id (the deadlines list's
 *   filters and sorts), and products by name (sorting deadlines by product walks products in name order);
 * - cases by receipt, newest first, then safety report id (the case list's order);
 * - clocks by due date and id (the clock list's order), the open ones carrying their case and product (the
 *   "overdue clock" filter reads no table row), and per product carrying status and timeliness (compliance
 *   counts from the index alone).
 */
export class ListIndexes1765500000000 implements MigrationInterface {
  name = 'ListIndexes1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX ix_milestone_open_product ON milestone (product_id, due_date, id) WHERE status IN ('planned', 'in-progress');
      CREATE INDEX ix_milestone_open_kind ON milestone (kind, due_date, id) WHERE status IN ('planned', 'in-progress');
      CREATE INDEX ix_milestone_open_status ON milestone (status, due_date, id) WHERE status IN ('planned', 'in-progress');
      CREATE INDEX ix_milestone_open_owner ON milestone (lower(owner), due_date, id) WHERE status IN ('planned', 'in-progress');
      CREATE INDEX ix_product_name ON product (name);

      CREATE INDEX ix_safety_case_receipt ON safety_case (initial_receipt_on DESC, safety_report_id);

      CREATE INDEX ix_case_clock_due ON case_clock (due_on, id);
      DROP INDEX ix_case_clock_open;
      CREATE INDEX ix_case_clock_open ON case_clock (due_on, id) INCLUDE (case_id, product_id) WHERE status = 'open';
      DROP INDEX ix_case_clock_product;
      CREATE INDEX ix_case_clock_product ON case_clock (product_id, due_on) INCLUDE (status, on_time);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX ix_case_clock_product;
      CREATE INDEX ix_case_clock_product ON case_clock (product_id, due_on);
      DROP INDEX ix_case_clock_open;
      CREATE INDEX ix_case_clock_open ON case_clock (due_on, id) WHERE status = 'open';
      DROP INDEX ix_case_clock_due;
      DROP INDEX ix_safety_case_receipt;
      DROP INDEX ix_product_name;
      DROP INDEX ix_milestone_open_owner;
      DROP INDEX ix_milestone_open_status;
      DROP INDEX ix_milestone_open_kind;
      DROP INDEX ix_milestone_open_product;
    `);
  }
}
