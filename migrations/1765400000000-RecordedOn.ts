import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The business day each change was recorded on (the application's "today" in the regulator's time zone, from
 * its one Clock), so that data "as at a data lock point" can leave out what was recorded after it:
 * - `safety_case_version.recorded_on`: an amendment recorded after a DLP does not change the case as it stood
 *   at that DLP (initial and follow-up versions count by their day 0, the day the information was received);
 * - `product_exposure.recorded_on`: a correction recorded after a DLP leaves the figure it replaces in force
 *   at that DLP;
 * - `case_link.recorded_on`: a case linked as a duplicate after a DLP still counted at that DLP;
 * - `due_date_change.recorded_on`: which due-date changes came after a dossier's DLP;
 * - `obligation_change`: the history of an obligation's text, status, category and study ids, and of its
 *   milestones' status and outcome (due dates keep their own history), each with the procedure it comes from,
 *   the day it was recorded and the day it took effect (a submission recorded late took effect on its date).
 * Existing rows take the day of their timestamp in Europe/Amsterdam (the regulator's time zone).
 */
export class RecordedOn1765400000000 implements MigrationInterface {
  name = 'RecordedOn1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE safety_case_version ADD COLUMN recorded_on date;
      ALTER TABLE safety_case_version DISABLE TRIGGER tg_safety_case_version_append_only;
      UPDATE safety_case_version SET recorded_on = (created_at AT TIME ZONE 'Europe/Amsterdam')::date;
      ALTER TABLE safety_case_version ENABLE TRIGGER tg_safety_case_version_append_only;
      ALTER TABLE safety_case_version ALTER COLUMN recorded_on SET NOT NULL;
      COMMENT ON COLUMN safety_case_version.recorded_on IS 'Business day the version was recorded (regulator''s time zone): an amendment counts at a data lock point only when recorded on or before it';

      ALTER TABLE product_exposure ADD COLUMN recorded_on date;
      ALTER TABLE product_exposure DISABLE TRIGGER tg_product_exposure_append_only;
      UPDATE product_exposure SET recorded_on = (created_at AT TIME ZONE 'Europe/Amsterdam')::date;
      ALTER TABLE product_exposure ENABLE TRIGGER tg_product_exposure_append_only;
      ALTER TABLE product_exposure ALTER COLUMN recorded_on SET NOT NULL;
      COMMENT ON COLUMN product_exposure.recorded_on IS 'Business day the figure was recorded: a correction counts at a data lock point only when recorded on or before it';

      ALTER TABLE case_link ADD COLUMN recorded_on date;
      UPDATE case_link SET recorded_on = (created_at AT TIME ZONE 'Europe/Amsterdam')::date;
      ALTER TABLE case_link ALTER COLUMN recorded_on SET NOT NULL;
      COMMENT ON COLUMN case_link.recorded_on IS 'Business day the link was recorded: a case linked as a duplicate after a data lock point still counted at that DLP';

      ALTER TABLE due_date_change ADD COLUMN recorded_on date;
      UPDATE due_date_change SET recorded_on = (changed_at AT TIME ZONE 'Europe/Amsterdam')::date;
      ALTER TABLE due_date_change ALTER COLUMN recorded_on SET NOT NULL;
      COMMENT ON COLUMN due_date_change.recorded_on IS 'Business day the change was recorded (regulator''s time zone)';

      CREATE TABLE obligation_change (
        id             bigserial   PRIMARY KEY,
        product_id     uuid        NOT NULL REFERENCES product (id),
        obligation_id  uuid        NOT NULL REFERENCES obligation (id),
        milestone_id   uuid        REFERENCES milestone (id),
        field          text        NOT NULL,
        from_value     text,
        to_value       text,
        change_source  text        NOT NULL,
        procedure_ref  text,
        reason         text        NOT NULL,
        changed_by     text        NOT NULL,
        changed_at     timestamptz NOT NULL DEFAULT now(),
        recorded_on    date        NOT NULL,
        effective_on   date        NOT NULL,
        CONSTRAINT ck_obligation_change_field CHECK (field IN ('description', 'status', 'category', 'study-ids', 'milestone-status', 'milestone-outcome')),
        CONSTRAINT ck_obligation_change_milestone CHECK ((milestone_id IS NOT NULL) = (field LIKE 'milestone-%')),
        CONSTRAINT ck_obligation_change_source CHECK (change_source IN ('variation', 'renewal-opinion', 'rmp-update', 'psusa', 'annex-ii', 'regulator-letter', 'conversion', 'correction', 'holder', 'assessment')),
        CONSTRAINT ck_obligation_change_procedure CHECK (change_source IN ('regulator-letter', 'correction', 'holder', 'assessment') OR procedure_ref IS NOT NULL)
      );
      CREATE INDEX ix_obligation_change_product ON obligation_change (product_id, effective_on, id);
      COMMENT ON COLUMN obligation_change.effective_on IS 'The day the change took effect: the submission or outcome date of a milestone step, else the day recorded';
      CREATE INDEX ix_obligation_change_obligation ON obligation_change (obligation_id, id);
      COMMENT ON TABLE obligation_change IS 'History of an obligation (text, status, category, study ids) and of its milestones'' status and outcome: from, to, procedure, why, who, when; never changed or deleted';
      CREATE TRIGGER tg_obligation_change_append_only BEFORE UPDATE OR DELETE ON obligation_change FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE obligation_change;
      ALTER TABLE due_date_change DROP COLUMN recorded_on;
      ALTER TABLE case_link DROP COLUMN recorded_on;
      ALTER TABLE product_exposure DROP COLUMN recorded_on;
      ALTER TABLE safety_case_version DROP COLUMN recorded_on;
    `);
  }
}
