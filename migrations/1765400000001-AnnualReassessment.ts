import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The annual reassessment of an authorisation under exceptional circumstances (Reg (EC) No 726/2004 Art 14(8)):
 * a milestone kind of its own, reminded by its own default policy (regulatory affairs, escalated to the
 * administrator) like the renewals. The procedure type and the eCTD submission type `annual-reassessment`
 * already exist.
 */
export class AnnualReassessment1765400000001 implements MigrationInterface {
  name = 'AnnualReassessment1765400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE milestone DROP CONSTRAINT milestone_kind_check;
      ALTER TABLE milestone ADD CONSTRAINT milestone_kind_check
        CHECK (kind IN ('obligation', 'cma-renewal', 'standard-renewal', 'annual-reassessment', 'psur', 'pass-final-report', 'pass-waiver-request', 'procedure-response'));
      INSERT INTO reminder_policy (deadline_kind, offsets_days, escalation_every_days, notify_roles, escalation_roles)
        VALUES ('annual-reassessment', '{90,60,30,14,7,1}', 1, '{regulatory}', '{admin}');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM reminder_policy WHERE deadline_kind = 'annual-reassessment' AND product_id IS NULL AND obligation_id IS NULL;
      ALTER TABLE milestone DROP CONSTRAINT milestone_kind_check;
      ALTER TABLE milestone ADD CONSTRAINT milestone_kind_check
        CHECK (kind IN ('obligation', 'cma-renewal', 'standard-renewal', 'psur', 'pass-final-report', 'pass-waiver-request', 'procedure-response'));
    `);
  }
}
