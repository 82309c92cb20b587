import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FAERS quarterly data (pharmacovigilance §4), a public background database for disproportionality — never
 * pooled with the holder's own cases. One row per case (its latest version across the loaded quarters);
 * deleted cases removed and remembered. Public reference data, replaced as FDA replaces it: not append-only,
 * but every load is recorded (faers_quarter) and audited.
 */
export class Faers1764547200000 implements MigrationInterface {
  name = 'Faers1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE faers_quarter (
        quarter      text        PRIMARY KEY,
        files        jsonb       NOT NULL,
        counts       jsonb       NOT NULL,
        loaded_by    text        NOT NULL,
        loaded_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_faers_quarter CHECK (quarter ~ '^[0-9]{4}Q[1-4]$')
      );
      COMMENT ON TABLE faers_quarter IS 'A loaded FAERS quarter: its files (name, SHA-256, rows, bad rows) and what the load did';

      CREATE TABLE faers_report (
        primaryid         bigint  PRIMARY KEY,
        caseid            bigint  NOT NULL,
        caseversion       integer NOT NULL,
        quarter           text    NOT NULL,
        i_f_code          text,
        event_dt          text,
        fda_dt            text,
        rept_cod          text,
        mfr_sndr          text,
        age               text,
        age_cod           text,
        sex               text,
        reporter_country  text,
        occr_country      text,
        CONSTRAINT ux_faers_report_case UNIQUE (caseid)
      );
      COMMENT ON TABLE faers_report IS 'A FAERS case in its latest loaded version (DEMO); dates kept as FDA writes them (YYYYMMDD, often partial)';

      CREATE TABLE faers_drug (
        primaryid  bigint  NOT NULL,
        drug_seq   integer NOT NULL,
        role_cod   text,
        drugname   text,
        prod_ai    text,
        route      text
      );
      CREATE INDEX ix_faers_drug_report ON faers_drug (primaryid);
      COMMENT ON TABLE faers_drug IS 'Drugs of a FAERS report (DRUG): role PS/SS/C/I, verbatim name and active ingredient';

      CREATE TABLE faers_reaction (
        primaryid     bigint NOT NULL,
        pt            text   NOT NULL,
        drug_rec_act  text
      );
      CREATE INDEX ix_faers_reaction_report ON faers_reaction (primaryid);
      COMMENT ON TABLE faers_reaction IS 'Reactions of a FAERS report (REAC) as MedDRA PT names';

      CREATE TABLE faers_outcome (
        primaryid  bigint NOT NULL,
        outc_cod   text   NOT NULL
      );
      CREATE INDEX ix_faers_outcome_report ON faers_outcome (primaryid);
      COMMENT ON TABLE faers_outcome IS 'Outcomes of a FAERS report (OUTC): DE, LT, HO, DS, CA, RI, OT';

      CREATE TABLE faers_deleted_case (
        caseid   bigint PRIMARY KEY,
        quarter  text   NOT NULL
      );
      COMMENT ON TABLE faers_deleted_case IS 'Cases FDA deleted (the quarter''s deletion list): removed from faers_report and never loaded again';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE faers_deleted_case, faers_outcome, faers_reaction, faers_drug, faers_report, faers_quarter`);
  }
}
