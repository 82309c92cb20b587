import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Side-effect frequencies against the stated rates (pharmacovigilance §5): exposure figures per product, and
 * each aggregation run with its inputs and results. Exposure figures, runs and results are append-only (a
 * wrong exposure figure is replaced by a correction that names it, with a reason).
 *
 * The reference safety information learns two things a frequency needs: which outcome an outcome rate counts
 * ("adverse reactions leading to death" = fatal) and which listed reactions are late events (follow-up time is
 * shown beside them). Rows written before this migration keep outcome NULL ("not recorded": not computed).
 */
export class Frequencies1764460800000 implements MigrationInterface {
  name = 'Frequencies1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE reference_safety_term
        ADD COLUMN outcome text,
        ADD COLUMN late_onset boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT ck_reference_safety_term_outcome CHECK (outcome IN ('fatal', 'serious', 'life-threatening', 'hospitalisation', 'disability')),
        ADD CONSTRAINT ck_reference_safety_term_outcome_kind CHECK (kind = 'outcome' OR outcome IS NULL);
      COMMENT ON COLUMN reference_safety_term.outcome IS 'For an outcome rate: the outcome it counts (patients with a reaction of that outcome / exposed); NULL = not recorded';
      COMMENT ON COLUMN reference_safety_term.late_onset IS 'A late event (chronic GvHD, long-term effects of gene therapy): its frequency is shown with the follow-up time';

      CREATE TABLE product_exposure (
        id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id               uuid          NOT NULL REFERENCES product (id),
        kind                     text          NOT NULL,
        counted_on               date          NOT NULL,
        patients                 integer       NOT NULL,
        doses_distributed        integer,
        doses_per_patient        numeric(10,3),
        follow_up_median_months  numeric(6,1),
        follow_up_max_months     numeric(6,1),
        patient_years            numeric(12,1),
        source                   text          NOT NULL,
        note                     text,
        replaces_id              uuid          REFERENCES product_exposure (id),
        reason                   text,
        created_by               text          NOT NULL,
        created_at               timestamptz   NOT NULL DEFAULT now(),
        CONSTRAINT ck_product_exposure_kind CHECK (kind IN ('registry', 'study', 'treated', 'dose-estimate')),
        CONSTRAINT ck_product_exposure_patients CHECK (patients >= 0),
        CONSTRAINT ck_product_exposure_doses CHECK ((kind = 'dose-estimate') = (doses_distributed IS NOT NULL AND doses_per_patient IS NOT NULL)),
        CONSTRAINT ck_product_exposure_estimate CHECK (kind <> 'dose-estimate' OR (doses_distributed >= 0 AND doses_per_patient > 0 AND patients = floor(doses_distributed / doses_per_patient))),
        CONSTRAINT ck_product_exposure_follow_up CHECK (follow_up_median_months >= 0 AND follow_up_max_months >= 0 AND patient_years >= 0 AND (follow_up_median_months <= follow_up_max_months OR follow_up_max_months IS NULL OR follow_up_median_months IS NULL)),
        CONSTRAINT ck_product_exposure_correction CHECK ((replaces_id IS NULL) = (reason IS NULL)),
        CONSTRAINT ux_product_exposure_replaces UNIQUE (replaces_id)
      );
      CREATE INDEX ix_product_exposure_product ON product_exposure (product_id, kind, counted_on);
      COMMENT ON TABLE product_exposure IS 'Patients exposed to a product, as counted on a day (cumulative): registry or study enrolment, patients treated, or an estimate from distributed doses; with follow-up time and source';

      CREATE TABLE frequency_run (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id         uuid          NOT NULL REFERENCES product (id),
        period             text          NOT NULL,
        period_start       date,
        data_lock_point    date          NOT NULL,
        rsi_id             uuid          REFERENCES reference_safety_info (id),
        meddra_release_id  uuid,
        exposure           jsonb         NOT NULL,
        summary            jsonb         NOT NULL,
        digest             text          NOT NULL,
        trigger            text          NOT NULL,
        requested_by       text          NOT NULL,
        started_at         timestamptz   NOT NULL,
        finished_at        timestamptz   NOT NULL DEFAULT now(),
        CONSTRAINT ck_frequency_run_period CHECK (period IN ('interval', 'cumulative')),
        CONSTRAINT ck_frequency_run_start CHECK ((period = 'interval') = (period_start IS NOT NULL) AND (period_start IS NULL OR period_start <= data_lock_point)),
        CONSTRAINT ck_frequency_run_trigger CHECK (trigger IN ('schedule', 'case-change', 'request'))
      );
      CREATE INDEX ix_frequency_run_product ON frequency_run (product_id, period, data_lock_point, finished_at DESC);
      COMMENT ON TABLE frequency_run IS 'One aggregation of side-effect frequencies: product, period, data lock point, reference-information version, exposure figures used; a dossier cites it by id and digest';

      CREATE TABLE frequency_result (
        run_id                uuid            NOT NULL REFERENCES frequency_run (id),
        position              integer         NOT NULL,
        level                 text            NOT NULL,
        label                 text            NOT NULL,
        listed_terms          text[]          NOT NULL DEFAULT '{}',
        patients              integer         NOT NULL,
        serious               integer         NOT NULL,
        fatal                 integer         NOT NULL,
        solicited_patients    integer         NOT NULL,
        solicited_exposed     integer,
        proportion            double precision,
        ci_lower              double precision,
        ci_upper              double precision,
        spontaneous_patients  integer         NOT NULL,
        spontaneous_exposed   integer,
        reporting_rate        double precision,
        stated_rate_percent   numeric(7,3),
        stated_band           text,
        flag                  text,
        explanation           text            NOT NULL,
        follow_up             jsonb,
        CONSTRAINT pk_frequency_result PRIMARY KEY (run_id, position),
        CONSTRAINT ck_frequency_result_level CHECK (level IN ('term', 'outcome', 'pt', 'soc')),
        CONSTRAINT ck_frequency_result_flag CHECK (flag IN ('exceeds', 'unlisted', 'uncoded')),
        CONSTRAINT ck_frequency_result_counts CHECK (patients >= 0 AND serious <= patients AND fatal <= patients AND solicited_patients <= patients AND spontaneous_patients <= patients)
      );
      COMMENT ON TABLE frequency_result IS 'One row of a frequency run: a listed term, an outcome rate, a reported PT or a primary SOC, with patients, the observed proportion and its exact interval, the stated rate and the flag';

      CREATE TRIGGER tg_product_exposure_append_only BEFORE UPDATE OR DELETE ON product_exposure FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER tg_frequency_run_append_only BEFORE UPDATE OR DELETE ON frequency_run FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER tg_frequency_result_append_only BEFORE UPDATE OR DELETE ON frequency_result FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER tg_product_exposure_no_truncate BEFORE TRUNCATE ON product_exposure FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER tg_frequency_run_no_truncate BEFORE TRUNCATE ON frequency_run FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE frequency_result;
      DROP TABLE frequency_run;
      DROP TABLE product_exposure;
      ALTER TABLE reference_safety_term DROP COLUMN late_onset, DROP COLUMN outcome;
    `);
  }
}
