import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disproportionality counts each FAERS report once per event and once per product. The importer now marks,
 * while it loads a report's rows, the row that counts — so a run no longer deduplicates millions of rows:
 *   faers_reaction.counted        the first row of each event of a report;
 *   faers_drug.counted_roles      on the first row of each product of a report that has a counted event: the
 *                                 roles its rows give the product, as bits (PS 1, SS 2, I 4, C 8); NULL on
 *                                 the other rows.
 * Rows already loaded are marked here the same way.
 */
export class FaersCountedRows1764806400000 implements MigrationInterface {
  name = 'FaersCountedRows1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE faers_reaction ADD COLUMN counted boolean NOT NULL DEFAULT false;
      ALTER TABLE faers_drug ADD COLUMN counted_roles smallint;
      UPDATE faers_reaction r SET counted = true
        FROM (SELECT DISTINCT ON (primaryid, event_id) ctid AS row FROM faers_reaction WHERE event_id IS NOT NULL ORDER BY primaryid, event_id) f
       WHERE r.ctid = f.row;
      UPDATE faers_drug d SET counted_roles = f.roles
        FROM (SELECT DISTINCT ON (primaryid, product_id) ctid AS row,
                     bit_or(CASE role_cod WHEN 'PS' THEN 1 WHEN 'SS' THEN 2 WHEN 'I' THEN 4 WHEN 'C' THEN 8 ELSE 0 END) OVER (PARTITION BY primaryid, product_id)::smallint AS roles
                FROM faers_drug x
               WHERE product_id IS NOT NULL AND EXISTS (SELECT 1 FROM faers_reaction r WHERE r.primaryid = x.primaryid AND r.counted)
               ORDER BY primaryid, product_id, drug_seq) f
       WHERE d.ctid = f.row AND f.roles <> 0;
      COMMENT ON COLUMN faers_reaction.counted IS 'The row that counts the event once for its report (the first of its event in the report)';
      COMMENT ON COLUMN faers_drug.counted_roles IS 'On the row that counts the product once for its report (only reports with a counted event): the roles of all its rows as bits PS 1, SS 2, I 4, C 8; NULL on other rows';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE faers_drug DROP COLUMN counted_roles; ALTER TABLE faers_reaction DROP COLUMN counted`);
  }
}
