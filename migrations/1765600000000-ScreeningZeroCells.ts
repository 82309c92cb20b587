import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Zero cells and case-by-case review in disproportionality results (pharmacovigilance §6; GVP IX Addendum I):
 * whether PRR and ROR are infinite (a zero in their denominator; the value column is then NULL, JSON having no
 * infinity) — generated from the counts, so rows of earlier runs say it too —, the zero-cell correction the
 * PRR and ROR intervals were computed with, and why a pair is listed for review whatever its statistics say.
 * The IME and DME lists (EMA's Important / Designated Medical Events, by MedDRA PT) are loaded by the user:
 * none ships with the project (they are MedDRA terms).
 */
export class ScreeningZeroCells1765600000000 implements MigrationInterface {
  name = 'ScreeningZeroCells1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE disproportionality_result
        ADD COLUMN prr_infinite boolean GENERATED ALWAYS AS (c = 0 AND a > 0 AND d > 0) STORED,
        ADD COLUMN ror_infinite boolean GENERATED ALWAYS AS ((b = 0 OR c = 0) AND a > 0 AND d > 0) STORED,
        ADD COLUMN zero_cell_correction text,
        ADD COLUMN review text[] NOT NULL DEFAULT '{}',
        ADD CONSTRAINT ck_disproportionality_result_correction CHECK (zero_cell_correction IN ('haldane-anscombe')),
        ADD CONSTRAINT ck_disproportionality_result_review CHECK (review <@ ARRAY['zero-cell', 'serious-unlisted', 'ime', 'dme']::text[]);
      COMMENT ON COLUMN disproportionality_result.prr_infinite IS 'PRR is infinite (c = 0 < a): prr is NULL, and a point-estimate rule (PRR ≥ 2) counts it as met';
      COMMENT ON COLUMN disproportionality_result.ror_infinite IS 'ROR is infinite (b or c = 0 < a, d): ror is NULL';
      COMMENT ON COLUMN disproportionality_result.zero_cell_correction IS 'haldane-anscombe: a cell is 0, the PRR and ROR intervals were computed with 0.5 added to every cell; NULL: none needed (or a run before corrections, whose intervals are NULL where a cell is 0)';
      CREATE TABLE medical_event_list (
        list       text        NOT NULL,
        pt_name    text        NOT NULL,
        version    text        NOT NULL,
        loaded_by  text        NOT NULL,
        loaded_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_medical_event_list PRIMARY KEY (list, pt_name),
        CONSTRAINT ck_medical_event_list_list CHECK (list IN ('ime', 'dme')),
        CONSTRAINT ck_medical_event_list_pt CHECK (pt_name = lower(btrim(pt_name)) AND pt_name <> '')
      );
      COMMENT ON TABLE medical_event_list IS 'The loaded IME / DME list: its PTs (lower case, as disproportionality counts events) and the version the user named; a load replaces the whole list';
      COMMENT ON COLUMN disproportionality_result.review IS 'Why the pair is listed for case-by-case review whatever its statistics: zero-cell, serious-unlisted (a serious reaction assessed unexpected in one of our cases), ime, dme (the event is on a loaded list)';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE medical_event_list;
      ALTER TABLE disproportionality_result
        DROP CONSTRAINT ck_disproportionality_result_review, DROP CONSTRAINT ck_disproportionality_result_correction,
        DROP COLUMN review, DROP COLUMN zero_cell_correction, DROP COLUMN ror_infinite, DROP COLUMN prr_infinite;
    `);
  }
}
