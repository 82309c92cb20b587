import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Safety cases (ICSRs) and the reference safety information they are assessed against. Case versions and
 * reference lists are append-only: the database refuses to change or delete them.
 */
export class SafetyCases1764201600000 implements MigrationInterface {
  name = 'SafetyCases1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reference_safety_info (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id      uuid        NOT NULL REFERENCES product (id),
        version         integer     NOT NULL,
        document        text        NOT NULL,
        effective_from  date        NOT NULL,
        complete        boolean     NOT NULL,
        note            text,
        created_by      text        NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_reference_safety_info_version UNIQUE (product_id, version),
        CONSTRAINT ux_reference_safety_info_effective UNIQUE (product_id, effective_from),
        CONSTRAINT ck_reference_safety_info_version CHECK (version >= 1)
      );
      COMMENT ON TABLE reference_safety_info IS 'A version of a product''s reference safety information (SmPC 4.8), effective from a date until the next version';

      CREATE TABLE reference_safety_term (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rsi_id                uuid        NOT NULL REFERENCES reference_safety_info (id),
        position              integer     NOT NULL,
        term                  text        NOT NULL,
        kind                  text        NOT NULL,
        pt_names              text[]      NOT NULL,
        hlt_names             text[]      NOT NULL DEFAULT '{}',
        frequency_band        text,
        stated_rate_percent   numeric(7,3),
        rate_denominator      integer,
        denominator_note      text,
        fatal_outcome_listed  boolean     NOT NULL DEFAULT false,
        max_severity          text,
        note                  text,
        CONSTRAINT ux_reference_safety_term_position UNIQUE (rsi_id, position),
        CONSTRAINT ck_reference_safety_term_kind CHECK (kind IN ('reaction', 'outcome')),
        CONSTRAINT ck_reference_safety_term_band CHECK (frequency_band IN ('very-common', 'common', 'uncommon', 'rare', 'very-rare', 'not-known')),
        CONSTRAINT ck_reference_safety_term_rate CHECK (stated_rate_percent BETWEEN 0 AND 100),
        CONSTRAINT ck_reference_safety_term_denominator CHECK (rate_denominator > 0),
        CONSTRAINT ck_reference_safety_term_severity CHECK (max_severity IN ('mild', 'moderate', 'severe')),
        CONSTRAINT ck_reference_safety_term_listed CHECK (kind = 'outcome' OR cardinality(pt_names) + cardinality(hlt_names) >= 1)
      );
      CREATE UNIQUE INDEX ux_reference_safety_term_name ON reference_safety_term (rsi_id, lower(term));
      COMMENT ON TABLE reference_safety_term IS 'A listed reaction (a PT or a group of PTs) or a stated outcome rate, with its frequency band or rate and denominator';

      CREATE TRIGGER tg_reference_safety_info_append_only BEFORE UPDATE OR DELETE ON reference_safety_info FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER tg_reference_safety_term_append_only BEFORE UPDATE OR DELETE ON reference_safety_term FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE SEQUENCE safety_report_number;

      CREATE TABLE safety_case (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id          uuid        NOT NULL REFERENCES product (id),
        safety_report_id    text        NOT NULL,
        worldwide_id        text        NOT NULL,
        current_version     integer     NOT NULL,
        current_type        text        NOT NULL,
        report_type         text        NOT NULL,
        status              text        NOT NULL,
        serious             boolean     NOT NULL,
        serious_unexpected  boolean     NOT NULL DEFAULT false,
        primary_country     text,
        initial_receipt_on  date        NOT NULL,
        latest_day0         date        NOT NULL,
        master_case_id      uuid        REFERENCES safety_case (id),
        synthetic           boolean     NOT NULL DEFAULT false,
        created_by          text        NOT NULL,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_safety_case_report_id UNIQUE (safety_report_id),
        CONSTRAINT ux_safety_case_worldwide_id UNIQUE (worldwide_id),
        CONSTRAINT ck_safety_case_status CHECK (status IN ('valid', 'incomplete', 'nullified')),
        CONSTRAINT ck_safety_case_type CHECK (current_type IN ('initial', 'follow-up', 'amendment', 'nullification')),
        CONSTRAINT ck_safety_case_report_type CHECK (report_type IN ('spontaneous', 'literature', 'solicited', 'clinical-trial', 'eudravigilance')),
        CONSTRAINT ck_safety_case_master CHECK (master_case_id IS NULL OR master_case_id <> id),
        CONSTRAINT ck_safety_case_dates CHECK (latest_day0 >= initial_receipt_on)
      );
      CREATE INDEX ix_safety_case_product ON safety_case (product_id, initial_receipt_on);
      COMMENT ON TABLE safety_case IS 'An individual case safety report: its identity and a summary of its current version (the versions hold the content)';

      CREATE TABLE safety_case_version (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id       uuid        NOT NULL REFERENCES safety_case (id),
        version       integer     NOT NULL,
        version_type  text        NOT NULL,
        day0          date        NOT NULL,
        content       jsonb       NOT NULL,
        assessment    jsonb       NOT NULL,
        rsi_id        uuid        REFERENCES reference_safety_info (id),
        reason        text,
        created_by    text        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_safety_case_version UNIQUE (case_id, version),
        CONSTRAINT ck_safety_case_version_number CHECK (version >= 1),
        CONSTRAINT ck_safety_case_version_type CHECK (version_type IN ('initial', 'follow-up', 'amendment', 'nullification')),
        CONSTRAINT ck_safety_case_version_initial CHECK ((version = 1) = (version_type = 'initial')),
        CONSTRAINT ck_safety_case_version_reason CHECK (version_type NOT IN ('amendment', 'nullification') OR reason IS NOT NULL)
      );
      CREATE INDEX ix_safety_case_version_day0 ON safety_case_version (case_id, day0, version);
      CREATE TRIGGER tg_safety_case_version_append_only BEFORE UPDATE OR DELETE ON safety_case_version FOR EACH ROW EXECUTE FUNCTION refuse_change();
      COMMENT ON TABLE safety_case_version IS 'What a case said at one version (initial, follow-up, amendment, nullification) and how it was assessed; never changed or deleted';

      CREATE TABLE case_clock (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id            uuid        NOT NULL REFERENCES safety_case (id),
        product_id         uuid        NOT NULL REFERENCES product (id),
        version            integer     NOT NULL,
        day0               date        NOT NULL,
        due_on             date        NOT NULL,
        days               integer     NOT NULL,
        rule_id            text        NOT NULL,
        rule_source        text        NOT NULL,
        explanation        text        NOT NULL,
        status             text        NOT NULL DEFAULT 'open',
        submitted_on       date,
        submitted_version  integer,
        on_time            boolean,
        closed_reason      text,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_case_clock_version UNIQUE (case_id, version),
        CONSTRAINT fk_case_clock_version FOREIGN KEY (case_id, version) REFERENCES safety_case_version (case_id, version),
        CONSTRAINT ck_case_clock_status CHECK (status IN ('open', 'submitted', 'superseded', 'cancelled')),
        CONSTRAINT ck_case_clock_submitted CHECK ((status = 'submitted') = (submitted_on IS NOT NULL AND on_time IS NOT NULL AND submitted_version IS NOT NULL)),
        CONSTRAINT ck_case_clock_closed CHECK (status NOT IN ('superseded', 'cancelled') OR closed_reason IS NOT NULL)
      );
      CREATE INDEX ix_case_clock_open ON case_clock (due_on, id) WHERE status = 'open';
      CREATE INDEX ix_case_clock_product ON case_clock (product_id, due_on);
      COMMENT ON TABLE case_clock IS 'A reporting deadline of a case: from its initial receipt or a significant follow-up, with the rule it comes from';

      CREATE TABLE case_submission (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id       uuid        NOT NULL REFERENCES safety_case (id),
        version       integer     NOT NULL,
        recipient     text        NOT NULL,
        acknowledged_on date      NOT NULL,
        ack_ref       text,
        created_by    text        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_case_submission_version FOREIGN KEY (case_id, version) REFERENCES safety_case_version (case_id, version),
        CONSTRAINT ux_case_submission UNIQUE (case_id, version, recipient)
      );
      CREATE TRIGGER tg_case_submission_append_only BEFORE UPDATE OR DELETE ON case_submission FOR EACH ROW EXECUTE FUNCTION refuse_change();
      COMMENT ON TABLE case_submission IS 'A version of a case accepted by a recipient (positive acknowledgement), which meets its open clocks';

      CREATE TABLE case_link (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id         uuid        NOT NULL REFERENCES safety_case (id),
        other_case_id   uuid        NOT NULL REFERENCES safety_case (id),
        kind            text        NOT NULL,
        reason          text        NOT NULL,
        created_by      text        NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_case_link UNIQUE (case_id, other_case_id),
        CONSTRAINT ck_case_link_kind CHECK (kind IN ('duplicate-of', 'related')),
        CONSTRAINT ck_case_link_self CHECK (case_id <> other_case_id)
      );
      CREATE INDEX ix_case_link_other ON case_link (other_case_id);
      COMMENT ON TABLE case_link IS 'A duplicate linked to its master case, or two related reports (mother and child): never a deletion';

      -- refuse_change() comes from the Accounts migration. Versions, reference lists and submissions are
      -- append-only; cases, clocks and links change state but are never deleted or truncated.
      CREATE TRIGGER tg_safety_case_no_delete BEFORE DELETE ON safety_case FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER tg_case_clock_no_delete BEFORE DELETE ON case_clock FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER tg_case_link_append_only BEFORE UPDATE OR DELETE ON case_link FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER tg_safety_case_no_truncate BEFORE TRUNCATE ON safety_case FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER tg_safety_case_version_no_truncate BEFORE TRUNCATE ON safety_case_version FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER tg_case_clock_no_truncate BEFORE TRUNCATE ON case_clock FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

      INSERT INTO reminder_policy (deadline_kind, offsets_days, escalation_every_days, notify_roles, escalation_roles) VALUES
        ('icsr', '{7,3,1}', 1, '{safety}', '{qppv}');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM reminder_policy WHERE deadline_kind = 'icsr';
      DROP TABLE case_link;
      DROP TABLE case_submission;
      DROP TABLE case_clock;
      DROP TABLE safety_case_version;
      DROP TABLE safety_case;
      DROP SEQUENCE safety_report_number;
      DROP TABLE reference_safety_term;
      DROP TABLE reference_safety_info;
    `);
  }
}
