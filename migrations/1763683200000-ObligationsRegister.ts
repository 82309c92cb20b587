import { MigrationInterface, QueryRunner } from 'typeorm';

/** The obligations register: products, authorisations, obligations, milestones, procedures, audit. */
export class ObligationsRegister1763683200000 implements MigrationInterface {
  name = 'ObligationsRegister1763683200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_entry (
        seq          bigserial PRIMARY KEY,
        occurred_at  timestamptz NOT NULL DEFAULT now(),
        tx_id        bigint      NOT NULL DEFAULT txid_current(),
        actor        text        NOT NULL,
        entity_type  text        NOT NULL,
        entity_id    text        NOT NULL,
        action       text        NOT NULL,
        before       jsonb,
        after        jsonb,
        reason       text
      );
      CREATE INDEX ix_audit_entry_entity ON audit_entry (entity_type, entity_id, seq);
      CREATE INDEX ix_audit_entry_occurred_at ON audit_entry (occurred_at);
      COMMENT ON TABLE audit_entry IS 'Append-only trail of every change, written in the transaction of the change';

      CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();
      CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();

      CREATE TABLE closure_day (
        date  date PRIMARY KEY,
        name  text NOT NULL
      );
      COMMENT ON TABLE closure_day IS 'Days the regulator is closed (editable); due dates on them are flagged, never moved';

      CREATE TABLE eurd_entry (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        substance         text NOT NULL,
        frequency_months  integer NOT NULL CHECK (frequency_months BETWEEN 1 AND 120),
        first_dlp         date NOT NULL,
        effective_from    date NOT NULL,
        source            text NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_eurd_entry_substance ON eurd_entry (lower(substance), effective_from);

      CREATE TABLE product (
        id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name                     text NOT NULL,
        active_substance         text NOT NULL,
        ema_product_number       text,
        description              text NOT NULL DEFAULT '',
        advanced_therapy         boolean NOT NULL DEFAULT false,
        additional_monitoring    boolean NOT NULL DEFAULT false,
        orphan_designation       text,
        orphan_designation_date  date,
        source_note              text NOT NULL DEFAULT '',
        created_at               timestamptz NOT NULL DEFAULT now(),
        updated_at               timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX ux_product_name ON product (lower(name));

      CREATE TABLE marketing_authorisation (
        id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id               uuid NOT NULL REFERENCES product (id),
        type                     text NOT NULL CHECK (type IN ('conditional', 'standard', 'exceptional-circumstances')),
        holder                   text NOT NULL,
        eu_number                text,
        notified_on              date NOT NULL,
        recorded_expiry          date,
        recorded_expiry_source   text,
        marketed_on              date,
        illustrative             boolean NOT NULL DEFAULT false,
        illustrative_note        text,
        created_at               timestamptz NOT NULL DEFAULT now(),
        updated_at               timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_marketing_authorisation_expiry_source CHECK (recorded_expiry IS NULL OR recorded_expiry_source IS NOT NULL)
      );
      CREATE UNIQUE INDEX ux_marketing_authorisation_product ON marketing_authorisation (product_id);

      CREATE TABLE obligation (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id        uuid NOT NULL REFERENCES product (id),
        reference         text NOT NULL,
        category          text NOT NULL CHECK (category IN ('SOB', 'ANX', 'MEA', 'LEG', 'REC')),
        study_type        text NOT NULL CHECK (study_type IN ('PASS', 'PAES', 'registry', 'long-term-follow-up', 'clinical-trial', 'none')),
        description       text NOT NULL,
        study_ids         text[] NOT NULL DEFAULT '{}',
        owner             text,
        status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fulfilled', 'withdrawn')),
        illustrative      boolean NOT NULL DEFAULT false,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX ux_obligation_reference ON obligation (product_id, reference);

      CREATE TABLE procedure (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id              uuid NOT NULL REFERENCES product (id),
        number                  text NOT NULL,
        type                    text NOT NULL CHECK (type IN ('renewal', 'variation-type-ii', 'variation-type-ib', 'psusa', 'rmp-update', 'pam', 'pass-protocol', 'pass-report', 'annual-reassessment', 'other')),
        title                   text NOT NULL,
        submitted_on            date,
        started_on              date,
        opinion_on              date,
        opinion_outcome         text CHECK (opinion_outcome IN ('positive', 'negative', 'withdrawn')),
        commission_decision_on  date,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_procedure_order CHECK (started_on IS NULL OR submitted_on IS NULL OR started_on >= submitted_on),
        CONSTRAINT ck_procedure_decision CHECK (commission_decision_on IS NULL OR opinion_on IS NULL OR commission_decision_on >= opinion_on)
      );
      CREATE UNIQUE INDEX ux_procedure_number ON procedure (number);
      CREATE INDEX ix_procedure_product ON procedure (product_id);

      CREATE TABLE milestone (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id             uuid NOT NULL REFERENCES product (id),
        authorisation_id       uuid REFERENCES marketing_authorisation (id),
        obligation_id          uuid REFERENCES obligation (id),
        procedure_id           uuid REFERENCES procedure (id),
        kind                   text NOT NULL CHECK (kind IN ('obligation', 'cma-renewal', 'standard-renewal', 'psur', 'pass-final-report', 'pass-waiver-request', 'procedure-response')),
        title                  text NOT NULL,
        cycle                  integer,
        due_date               date NOT NULL,
        basis                  text NOT NULL CHECK (basis IN ('computed', 'annex-ii', 'regulator', 'recorded')),
        rule_id                text NOT NULL,
        rule_source            text NOT NULL,
        rule_explanation       text NOT NULL DEFAULT '',
        status                 text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in-progress', 'submitted', 'cancelled')),
        submitted_on           date,
        submitted_on_time      boolean,
        submission_ref         text,
        ectd_type              text CHECK (ectd_type IN ('pam-sob', 'pam-anx', 'pam-mea', 'pam-leg', 'pam-sda', 'pam-capa', 'pam-paes', 'pam-rec', 'pass107n', 'pass107q', 'renewal', 'annual-reassessment', 'psur', 'psusa', 'rmp')),
        outcome                text CHECK (outcome IN ('fulfilled', 'not-fulfilled', 'further-data-requested')),
        outcome_on             date,
        outcome_procedure_ref  text,
        cancel_reason          text,
        owner                  text,
        illustrative           boolean NOT NULL DEFAULT false,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_milestone_submitted CHECK ((status = 'submitted') = (submitted_on IS NOT NULL AND submitted_on_time IS NOT NULL)),
        CONSTRAINT ck_milestone_outcome CHECK (outcome IS NULL OR (status = 'submitted' AND outcome_on IS NOT NULL)),
        CONSTRAINT ck_milestone_cancelled CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL))
      );
      CREATE INDEX ix_milestone_open_due ON milestone (due_date) WHERE status IN ('planned', 'in-progress');
      CREATE INDEX ix_milestone_product ON milestone (product_id, due_date);
      CREATE INDEX ix_milestone_obligation ON milestone (obligation_id);
      CREATE INDEX ix_milestone_procedure ON milestone (procedure_id);
      CREATE UNIQUE INDEX ux_milestone_authorisation_cycle ON milestone (authorisation_id, kind, cycle) WHERE cycle IS NOT NULL;

      CREATE TABLE procedure_clock_stop (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procedure_id            uuid NOT NULL REFERENCES procedure (id),
        kind                    text NOT NULL CHECK (kind IN ('validation-questions', 'list-of-questions', 'list-of-outstanding-issues', 'request-for-supplementary-information')),
        stopped_on              date NOT NULL,
        responses_due_on        date NOT NULL,
        restarted_on            date,
        response_milestone_id   uuid NOT NULL REFERENCES milestone (id),
        created_at              timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_clock_stop_order CHECK (responses_due_on >= stopped_on AND (restarted_on IS NULL OR restarted_on >= stopped_on))
      );
      CREATE INDEX ix_procedure_clock_stop_procedure ON procedure_clock_stop (procedure_id, stopped_on);
      CREATE UNIQUE INDEX ux_procedure_clock_stop_open ON procedure_clock_stop (procedure_id) WHERE restarted_on IS NULL;

      CREATE TABLE due_date_change (
        id              bigserial PRIMARY KEY,
        milestone_id    uuid NOT NULL REFERENCES milestone (id),
        from_date       date,
        to_date         date NOT NULL,
        change_source   text NOT NULL CHECK (change_source IN ('initial', 'variation', 'renewal-opinion', 'rmp-update', 'psusa', 'annex-ii', 'regulator-letter', 'recorded-expiry', 'recomputed')),
        procedure_ref   text,
        reason          text NOT NULL,
        changed_by      text NOT NULL,
        changed_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_due_date_change_procedure CHECK (change_source IN ('initial', 'recomputed', 'regulator-letter', 'recorded-expiry') OR procedure_ref IS NOT NULL)
      );
      CREATE INDEX ix_due_date_change_milestone ON due_date_change (milestone_id, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE due_date_change, procedure_clock_stop, milestone, procedure, obligation, marketing_authorisation,
        product, eurd_entry, closure_day;
      DROP TRIGGER audit_entry_append_only ON audit_entry;
      DROP TRIGGER audit_entry_no_truncate ON audit_entry;
      DROP TABLE audit_entry;
      DROP FUNCTION audit_entry_refuse_change();
    `);
  }
}
