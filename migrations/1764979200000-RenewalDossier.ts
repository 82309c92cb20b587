import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The annual renewal dossier (renewal-dossier.md): numbered versions per product — content, its hash and the
 * three files with their checksums, never changed or deleted — and the builds that make them (a background
 * job's progress: queued, collecting, rendering, done or failed with the reason).
 */
export class RenewalDossier1764979200000 implements MigrationInterface {
  name = 'RenewalDossier1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dossier_version (
        id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id        uuid        NOT NULL REFERENCES product (id),
        version           integer     NOT NULL CHECK (version >= 1),
        data_lock_point   date        NOT NULL,
        content_hash      text        NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
        content           jsonb       NOT NULL,
        frequency_run_id  uuid        REFERENCES frequency_run (id),
        parameters        jsonb       NOT NULL,
        pdf               bytea       NOT NULL,
        pdf_sha256        text        NOT NULL,
        xlsx              bytea       NOT NULL,
        xlsx_sha256       text        NOT NULL,
        zip               bytea       NOT NULL,
        zip_sha256        text        NOT NULL,
        created_by        text        NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_dossier_version_number UNIQUE (product_id, version),
        CONSTRAINT ux_dossier_version_content UNIQUE (product_id, content_hash)
      );
      COMMENT ON TABLE dossier_version IS 'A renewal dossier version: its content (canonical JSON hashed with SHA-256), the PDF, XLSX and ZIP built from it with their SHA-256; the same content is never stored twice';
      CREATE TRIGGER tg_dossier_version_append_only BEFORE UPDATE OR DELETE ON dossier_version FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE TABLE dossier_build (
        id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id    uuid        NOT NULL REFERENCES product (id),
        request       jsonb       NOT NULL,
        status        text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'collecting', 'rendering', 'done', 'failed')),
        error         text,
        version_id    uuid        REFERENCES dossier_version (id),
        reused        boolean,
        requested_by  text        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_dossier_build_product ON dossier_build (product_id, created_at);
      COMMENT ON TABLE dossier_build IS 'A request to build a renewal dossier and its progress; done builds name the version they made or reused';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dossier_build, dossier_version`);
  }
}
