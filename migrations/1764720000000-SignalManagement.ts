import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signal management (GVP IX): statistical alerts from screening and from frequency flags, reviewed by a
 * person — validated into a signal or dismissed with a reason — and signals through their steps, each step
 * kept (append-only), with the emerging-safety-issue notification deadline and the regulator's outcome.
 */
export class SignalManagement1764720000000 implements MigrationInterface {
  name = 'SignalManagement1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE safety_signal (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id             uuid        NOT NULL REFERENCES product (id),
        title                  text        NOT NULL,
        event                  text        NOT NULL,
        status                 text        NOT NULL DEFAULT 'validated',
        priority               text,
        assessment             text,
        recommended_action     text,
        esi_established_on     date,
        esi_due_on             date,
        esi_rule_id            text,
        esi_notified_on        date,
        regulator_outcome      text,
        regulator_outcome_on   date,
        created_by             text        NOT NULL,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_safety_signal_status CHECK (status IN ('validated', 'analysed', 'assessed', 'closed')),
        CONSTRAINT ck_safety_signal_priority CHECK (priority IN ('high', 'medium', 'low')),
        CONSTRAINT ck_safety_signal_action CHECK (recommended_action IN ('no-action', 'routine-monitoring', 'smpc-update', 'rmp-update', 'dhpc', 'variation', 'psur-discussion', 'other')),
        CONSTRAINT ck_safety_signal_closed CHECK ((status = 'closed') = (recommended_action IS NOT NULL)),
        CONSTRAINT ck_safety_signal_esi CHECK ((esi_established_on IS NULL) = (esi_due_on IS NULL) AND (esi_due_on IS NULL) = (esi_rule_id IS NULL) AND (esi_notified_on IS NULL OR esi_established_on IS NOT NULL)),
        CONSTRAINT ck_safety_signal_outcome CHECK ((regulator_outcome IS NULL) = (regulator_outcome_on IS NULL))
      );
      CREATE INDEX ix_safety_signal_product ON safety_signal (product_id, status);
      CREATE INDEX ix_safety_signal_esi_open ON safety_signal (esi_due_on, id) WHERE esi_due_on IS NOT NULL AND esi_notified_on IS NULL;
      COMMENT ON TABLE safety_signal IS 'A validated signal of one of our products: GVP IX steps, priority, assessment, recommended action, emerging-safety-issue deadline, regulator outcome';

      CREATE TABLE safety_signal_step (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        signal_id   uuid        NOT NULL REFERENCES safety_signal (id),
        step        text        NOT NULL,
        details     jsonb       NOT NULL,
        notes       text        NOT NULL,
        by_actor    text        NOT NULL,
        at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_safety_signal_step CHECK (step IN ('validated', 'analysed', 'assessed', 'closed', 'esi-established', 'esi-notified', 'regulator-outcome'))
      );
      CREATE INDEX ix_safety_signal_step_signal ON safety_signal_step (signal_id, at);
      COMMENT ON TABLE safety_signal_step IS 'Who did what to a signal, when and why: every step kept';

      CREATE TABLE statistical_alert (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source        text        NOT NULL,
        run_id        uuid        NOT NULL,
        product_id    uuid        REFERENCES product (id),
        product_label text        NOT NULL,
        event         text        NOT NULL,
        rule          text        NOT NULL,
        figures       jsonb       NOT NULL,
        status        text        NOT NULL DEFAULT 'new',
        reason        text,
        decided_by    text,
        decided_at    timestamptz,
        signal_id     uuid        REFERENCES safety_signal (id),
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_statistical_alert_source CHECK (source IN ('disproportionality', 'frequency')),
        CONSTRAINT ck_statistical_alert_status CHECK (status IN ('new', 'validated', 'dismissed')),
        CONSTRAINT ck_statistical_alert_decision CHECK ((status = 'new') = (decided_by IS NULL) AND (status = 'new') = (reason IS NULL) AND (status = 'validated') = (signal_id IS NOT NULL)),
        CONSTRAINT ux_statistical_alert UNIQUE (source, run_id, product_label, event)
      );
      CREATE INDEX ix_statistical_alert_open ON statistical_alert (status, created_at DESC);
      CREATE INDEX ix_statistical_alert_key ON statistical_alert (source, product_label, event, created_at DESC);
      COMMENT ON TABLE statistical_alert IS 'A screening hit or a frequency flag to review: not a signal until a person validates it';

      CREATE TRIGGER tg_safety_signal_step_append_only BEFORE UPDATE OR DELETE ON safety_signal_step FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER tg_safety_signal_no_delete BEFORE DELETE ON safety_signal FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER tg_statistical_alert_no_delete BEFORE DELETE ON statistical_alert FOR EACH ROW EXECUTE FUNCTION refuse_change();

      INSERT INTO reminder_policy (deadline_kind, offsets_days, escalation_every_days, notify_roles, escalation_roles) VALUES
        ('emerging-safety-issue', '{2,1}', 1, '{safety,qppv}', '{qppv}');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM reminder_policy WHERE deadline_kind = 'emerging-safety-issue';
      DROP TABLE statistical_alert, safety_signal_step, safety_signal;
    `);
  }
}
