import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MedDRA releases loaded from a licensee's own distribution files (the project ships no MedDRA data): one row per
 * release and its five levels, the links between levels and the PT → SOC paths of mdhier.asc. A release is
 * reference data, not case data: deleting one removes its terms (ON DELETE CASCADE).
 */
export class Meddra1764115200000 implements MigrationInterface {
  name = 'Meddra1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;

      CREATE TABLE meddra_release (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version        text        NOT NULL,
        language       text        NOT NULL,
        source_sha256  text        NOT NULL,
        loaded_at      timestamptz NOT NULL DEFAULT now(),
        loaded_by      text        NOT NULL,
        counts         jsonb       NOT NULL,
        CONSTRAINT uq_meddra_release_version_language UNIQUE (version, language),
        CONSTRAINT ck_meddra_release_version CHECK (version ~ '^\\S.{0,39}$'),
        CONSTRAINT ck_meddra_release_language CHECK (language ~ '^\\S.{0,39}$'),
        CONSTRAINT ck_meddra_release_sha256 CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_meddra_release_counts CHECK (jsonb_typeof(counts) = 'object')
      );
      CREATE INDEX ix_meddra_release_loaded ON meddra_release (loaded_at DESC);
      COMMENT ON TABLE meddra_release IS 'A MedDRA release (version, language) loaded from the licensee''s ASCII files; the most recently loaded one is current';

      CREATE TABLE meddra_soc (
        release_id  uuid    NOT NULL,
        code        integer NOT NULL,
        name        text    NOT NULL,
        abbrev      text    NOT NULL,
        CONSTRAINT pk_meddra_soc PRIMARY KEY (release_id, code),
        CONSTRAINT fk_meddra_soc_release FOREIGN KEY (release_id) REFERENCES meddra_release (id) ON DELETE CASCADE,
        CONSTRAINT ck_meddra_soc_code CHECK (code > 0),
        CONSTRAINT ck_meddra_soc_name CHECK (name <> '')
      );
      COMMENT ON TABLE meddra_soc IS 'MedDRA system organ classes of a release (soc.asc)';

      CREATE TABLE meddra_hlgt (
        release_id  uuid    NOT NULL,
        code        integer NOT NULL,
        name        text    NOT NULL,
        CONSTRAINT pk_meddra_hlgt PRIMARY KEY (release_id, code),
        CONSTRAINT fk_meddra_hlgt_release FOREIGN KEY (release_id) REFERENCES meddra_release (id) ON DELETE CASCADE,
        CONSTRAINT ck_meddra_hlgt_code CHECK (code > 0),
        CONSTRAINT ck_meddra_hlgt_name CHECK (name <> '')
      );
      COMMENT ON TABLE meddra_hlgt IS 'MedDRA high level group terms of a release (hlgt.asc)';

      CREATE TABLE meddra_hlt (
        release_id  uuid    NOT NULL,
        code        integer NOT NULL,
        name        text    NOT NULL,
        CONSTRAINT pk_meddra_hlt PRIMARY KEY (release_id, code),
        CONSTRAINT fk_meddra_hlt_release FOREIGN KEY (release_id) REFERENCES meddra_release (id) ON DELETE CASCADE,
        CONSTRAINT ck_meddra_hlt_code CHECK (code > 0),
        CONSTRAINT ck_meddra_hlt_name CHECK (name <> '')
      );
      CREATE INDEX ix_meddra_hlt_name ON meddra_hlt (release_id, lower(name));
      COMMENT ON TABLE meddra_hlt IS 'MedDRA high level terms of a release (hlt.asc)';

      CREATE TABLE meddra_pt (
        release_id        uuid    NOT NULL,
        code              integer NOT NULL,
        name              text    NOT NULL,
        primary_soc_code  integer NOT NULL,
        CONSTRAINT pk_meddra_pt PRIMARY KEY (release_id, code),
        CONSTRAINT fk_meddra_pt_release FOREIGN KEY (release_id) REFERENCES meddra_release (id) ON DELETE CASCADE,
        CONSTRAINT fk_meddra_pt_primary_soc FOREIGN KEY (release_id, primary_soc_code) REFERENCES meddra_soc (release_id, code) ON DELETE CASCADE,
        CONSTRAINT ck_meddra_pt_code CHECK (code > 0),
        CONSTRAINT ck_meddra_pt_name CHECK (name <> '')
      );
      CREATE INDEX ix_meddra_pt_name ON meddra_pt (release_id, lower(name));
      CREATE INDEX ix_meddra_pt_name_trgm ON meddra_pt USING gin (lower(name) gin_trgm_ops);
      COMMENT ON TABLE meddra_pt IS 'MedDRA preferred terms of a release (pt.asc), with the primary SOC (pt_soc_code) used for counting';

      CREATE TABLE meddra_llt (
        release_id  uuid    NOT NULL,
        code        integer NOT NULL,
        name        text    NOT NULL,
        pt_code     integer NOT NULL,
        current     boolean NOT NULL,
        CONSTRAINT pk_meddra_llt PRIMARY KEY (release_id, code),
        CONSTRAINT fk_meddra_llt_release FOREIGN KEY (release_id) REFERENCES meddra_release (id) ON DELETE CASCADE,
        CONSTRAINT fk_meddra_llt_pt FOREIGN KEY (release_id, pt_code) REFERENCES meddra_pt (release_id, code) ON DELETE CASCADE,
        CONSTRAINT ck_meddra_llt_code CHECK (code > 0),
        CONSTRAINT ck_meddra_llt_name CHECK (name <> '')
      );
      CREATE INDEX ix_meddra_llt_pt ON meddra_llt (release_id, pt_code);
      CREATE INDEX ix_meddra_llt_name ON meddra_llt (release_id, lower(name));
      CREATE INDEX ix_meddra_llt_name_trgm ON meddra_llt USING gin (lower(name) gin_trgm_ops);
      COMMENT ON TABLE meddra_llt IS 'MedDRA lowest level terms of a release (llt.asc); reactions are coded at a current LLT';

      CREATE TABLE meddra_soc_hlgt (
        release_id  uuid    NOT NULL,
        soc_code    integer NOT NULL,
        hlgt_code   integer NOT NULL,
        CONSTRAINT pk_meddra_soc_hlgt PRIMARY KEY (release_id, soc_code, hlgt_code),
        CONSTRAINT fk_meddra_soc_hlgt_soc FOREIGN KEY (release_id, soc_code) REFERENCES meddra_soc (release_id, code) ON DELETE CASCADE,
        CONSTRAINT fk_meddra_soc_hlgt_hlgt FOREIGN KEY (release_id, hlgt_code) REFERENCES meddra_hlgt (release_id, code) ON DELETE CASCADE
      );
      CREATE INDEX ix_meddra_soc_hlgt_hlgt ON meddra_soc_hlgt (release_id, hlgt_code);
      COMMENT ON TABLE meddra_soc_hlgt IS 'Which HLGTs sit under which SOC in a release (soc_hlgt.asc)';

      CREATE TABLE meddra_hlgt_hlt (
        release_id  uuid    NOT NULL,
        hlgt_code   integer NOT NULL,
        hlt_code    integer NOT NULL,
        CONSTRAINT pk_meddra_hlgt_hlt PRIMARY KEY (release_id, hlgt_code, hlt_code),
        CONSTRAINT fk_meddra_hlgt_hlt_hlgt FOREIGN KEY (release_id, hlgt_code) REFERENCES meddra_hlgt (release_id, code) ON DELETE CASCADE,
        CONSTRAINT fk_meddra_hlgt_hlt_hlt FOREIGN KEY (release_id, hlt_code) REFERENCES meddra_hlt (release_id, code) ON DELETE CASCADE
      );
      CREATE INDEX ix_meddra_hlgt_hlt_hlt ON meddra_hlgt_hlt (release_id, hlt_code);
      COMMENT ON TABLE meddra_hlgt_hlt IS 'Which HLTs sit under which HLGT in a release (hlgt_hlt.asc)';

      CREATE TABLE meddra_hlt_pt (
        release_id  uuid    NOT NULL,
        hlt_code    integer NOT NULL,
        pt_code     integer NOT NULL,
        CONSTRAINT pk_meddra_hlt_pt PRIMARY KEY (release_id, hlt_code, pt_code),
        CONSTRAINT fk_meddra_hlt_pt_hlt FOREIGN KEY (release_id, hlt_code) REFERENCES meddra_hlt (release_id, code) ON DELETE CASCADE,
        CONSTRAINT fk_meddra_hlt_pt_pt FOREIGN KEY (release_id, pt_code) REFERENCES meddra_pt (release_id, code) ON DELETE CASCADE
      );
      CREATE INDEX ix_meddra_hlt_pt_pt ON meddra_hlt_pt (release_id, pt_code);
      COMMENT ON TABLE meddra_hlt_pt IS 'Which PTs sit under which HLT in a release (hlt_pt.asc); a PT may sit under several';

      CREATE TABLE meddra_hierarchy (
        release_id   uuid    NOT NULL,
        pt_code      integer NOT NULL,
        hlt_code     integer NOT NULL,
        hlgt_code    integer NOT NULL,
        soc_code     integer NOT NULL,
        primary_soc  boolean NOT NULL,
        CONSTRAINT pk_meddra_hierarchy PRIMARY KEY (release_id, pt_code, hlt_code, hlgt_code, soc_code),
        CONSTRAINT fk_meddra_hierarchy_release FOREIGN KEY (release_id) REFERENCES meddra_release (id) ON DELETE CASCADE,
        CONSTRAINT fk_meddra_hierarchy_pt FOREIGN KEY (release_id, pt_code) REFERENCES meddra_pt (release_id, code) ON DELETE CASCADE,
        CONSTRAINT fk_meddra_hierarchy_hlt FOREIGN KEY (release_id, hlt_code) REFERENCES meddra_hlt (release_id, code) ON DELETE CASCADE,
        CONSTRAINT fk_meddra_hierarchy_hlgt FOREIGN KEY (release_id, hlgt_code) REFERENCES meddra_hlgt (release_id, code) ON DELETE CASCADE,
        CONSTRAINT fk_meddra_hierarchy_soc FOREIGN KEY (release_id, soc_code) REFERENCES meddra_soc (release_id, code) ON DELETE CASCADE
      );
      CREATE UNIQUE INDEX ux_meddra_hierarchy_primary ON meddra_hierarchy (release_id, pt_code) WHERE primary_soc;
      CREATE INDEX ix_meddra_hierarchy_soc ON meddra_hierarchy (release_id, soc_code);
      COMMENT ON TABLE meddra_hierarchy IS 'Every PT → HLT → HLGT → SOC path of a release (mdhier.asc); exactly one path per PT is its primary SOC';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // pg_trgm stays: an extension is shared by the database, and other features may use it.
    await q.query(`
      DROP TABLE meddra_hierarchy;
      DROP TABLE meddra_hlt_pt;
      DROP TABLE meddra_hlgt_hlt;
      DROP TABLE meddra_soc_hlgt;
      DROP TABLE meddra_llt;
      DROP TABLE meddra_pt;
      DROP TABLE meddra_hlt;
      DROP TABLE meddra_hlgt;
      DROP TABLE meddra_soc;
      DROP TABLE meddra_release;
    `);
  }
}
