import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case may arrive (E2B import) for a suspect product that is not registered here: it is kept with the
 * product as reported and can be linked later. Such cases and their clocks have no product.
 */
export class CaseReportedProduct1764288000000 implements MigrationInterface {
  name = 'CaseReportedProduct1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE safety_case ALTER COLUMN product_id DROP NOT NULL;
      ALTER TABLE safety_case ADD COLUMN reported_product text;
      ALTER TABLE safety_case ADD CONSTRAINT ck_safety_case_product CHECK (product_id IS NOT NULL OR reported_product IS NOT NULL);
      ALTER TABLE case_clock ALTER COLUMN product_id DROP NOT NULL;
      COMMENT ON COLUMN safety_case.reported_product IS 'The suspect product as the sender named it, when it is not (yet) a registered product';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE case_clock ALTER COLUMN product_id SET NOT NULL;
      ALTER TABLE safety_case DROP CONSTRAINT ck_safety_case_product;
      ALTER TABLE safety_case DROP COLUMN reported_product;
      ALTER TABLE safety_case ALTER COLUMN product_id SET NOT NULL;
    `);
  }
}
