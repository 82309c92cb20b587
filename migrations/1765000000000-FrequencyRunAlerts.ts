import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alerts of a frequency run are raised once, tied to the run: a marker row is written in the same transaction
 * as the run's alerts, so a retried job whose run already exists (same digest) still raises them when the first
 * attempt failed after storing the run. Runs stored before this migration are taken as handled.
 */
export class FrequencyRunAlerts1765000000000 implements MigrationInterface {
  name = 'FrequencyRunAlerts1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE frequency_run_alerts (
        run_id     uuid        PRIMARY KEY REFERENCES frequency_run (id),
        raised     integer     NOT NULL,
        raised_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_frequency_run_alerts_raised CHECK (raised >= 0)
      );
      COMMENT ON TABLE frequency_run_alerts IS 'The alerts of this frequency run have been raised (how many were new), in the transaction that raised them';
      INSERT INTO frequency_run_alerts (run_id, raised, raised_at) SELECT id, 0, finished_at FROM frequency_run;
      CREATE TRIGGER tg_frequency_run_alerts_append_only BEFORE UPDATE OR DELETE ON frequency_run_alerts FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE frequency_run_alerts');
  }
}
