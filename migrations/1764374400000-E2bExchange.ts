import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E2B(R3) exchange records:
 * - `safety_case.from_eudravigilance`: a case downloaded from EudraVigilance is the authority's copy: no
 *   reporting clock, never submitted back.
 * - `e2b_export`: every ICSR message we generated (message id → case version), so that an
 *   acknowledgement naming the message finds the version it accepts.
 * - `e2b_acknowledgement`: every acknowledgement read (one row per acknowledged message, ACK.B.r), matched
 *   or not, with what was done about it. Append-only, like the submissions they lead to.
 */
export class E2bExchange1764374400000 implements MigrationInterface {
  name = 'E2bExchange1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE safety_case ADD COLUMN from_eudravigilance boolean NOT NULL DEFAULT false;
      COMMENT ON COLUMN safety_case.from_eudravigilance IS 'Downloaded from EudraVigilance: no reporting clock, never re-submitted';

      CREATE TABLE e2b_export (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id      text        NOT NULL,
        message_id    text        NOT NULL,
        case_id       uuid        NOT NULL REFERENCES safety_case (id),
        version       integer     NOT NULL,
        receiver      text        NOT NULL,
        batch_sha256  text        NOT NULL,
        created_by    text        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_e2b_export_version FOREIGN KEY (case_id, version) REFERENCES safety_case_version (case_id, version),
        CONSTRAINT ux_e2b_export_message UNIQUE (message_id)
      );
      CREATE INDEX ix_e2b_export_case ON e2b_export (case_id, version);
      CREATE TRIGGER tg_e2b_export_append_only BEFORE UPDATE OR DELETE ON e2b_export FOR EACH ROW EXECUTE FUNCTION refuse_change();
      COMMENT ON TABLE e2b_export IS 'ICSR messages generated for a recipient: which case version each message id carries';

      CREATE TABLE e2b_acknowledgement (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_name        text        NOT NULL,
        file_sha256      text        NOT NULL,
        position         integer     NOT NULL,
        ack_batch_id     text,
        icsr_batch_id    text,
        batch_code       text,
        message_number   text,
        referenced_ids   text[]      NOT NULL DEFAULT '{}',
        code             text,
        messages         jsonb       NOT NULL DEFAULT '[]',
        acknowledged_on  date,
        sender_id        text,
        case_id          uuid REFERENCES safety_case (id),
        version          integer,
        outcome          text        NOT NULL,
        detail           text        NOT NULL,
        created_by       text        NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_e2b_acknowledgement_entry UNIQUE (file_sha256, position),
        CONSTRAINT ck_e2b_acknowledgement_outcome CHECK (outcome IN ('submission-recorded', 'already-recorded', 'rejected', 'not-recorded', 'unmatched', 'batch-only')),
        CONSTRAINT ck_e2b_acknowledgement_code CHECK (code IS NULL OR code IN ('CA', 'CR')),
        CONSTRAINT ck_e2b_acknowledgement_batch_code CHECK (batch_code IS NULL OR batch_code IN ('AA', 'AE', 'AR'))
      );
      CREATE INDEX ix_e2b_acknowledgement_case ON e2b_acknowledgement (case_id);
      CREATE INDEX ix_e2b_acknowledgement_unmatched ON e2b_acknowledgement (created_at) WHERE outcome = 'unmatched';
      CREATE TRIGGER tg_e2b_acknowledgement_append_only BEFORE UPDATE OR DELETE ON e2b_acknowledgement FOR EACH ROW EXECUTE FUNCTION refuse_change();
      COMMENT ON TABLE e2b_acknowledgement IS 'Acknowledgements read (one row per ACK.B.r), matched to a case version or kept unmatched';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE e2b_acknowledgement;
      DROP TABLE e2b_export;
      ALTER TABLE safety_case DROP COLUMN from_eudravigilance;
    `);
  }
}
