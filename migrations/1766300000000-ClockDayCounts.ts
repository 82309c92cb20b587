import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting clocks counted per product, due date and outcome (open, on time, late), kept by statement-level
 * triggers on `case_clock` in the same transaction as the change, so the dashboard's clock counts and the
 * compliance table add up a few thousand day rows instead of counting hundreds of thousands of clocks
 * (measured with `npm run bench:web`: ~970,000 clocks, 323,000 due in the last twelve months — the compliance
 * query went from ~700 ms to a few ms). Superseded and cancelled clocks are not counted (nothing reads them).
 * The outcome is derived exactly as the clock list derives it: open, or submitted on time / late. No CHECK on
 * `clocks`: a decrement is proposed as a negative row before ON CONFLICT adds it to the existing one.
 */
export class ClockDayCounts1766300000000 implements MigrationInterface {
  name = 'ClockDayCounts1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_clock_day_count (
        product_id uuid REFERENCES product (id),
        due_on date NOT NULL,
        outcome text NOT NULL,
        clocks integer NOT NULL,
        CONSTRAINT ck_case_clock_day_count_outcome CHECK (outcome IN ('open', 'on-time', 'late')),
        CONSTRAINT ux_case_clock_day_count UNIQUE NULLS NOT DISTINCT (product_id, due_on, outcome)
      );
      CREATE INDEX ix_case_clock_day_count_due ON case_clock_day_count (due_on) INCLUDE (product_id, outcome, clocks);
      COMMENT ON TABLE case_clock_day_count IS 'Open and submitted reporting clocks counted per product, due date and outcome; kept by triggers on case_clock (never written by the application)';

      CREATE FUNCTION case_clock_outcome(status text, on_time boolean) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN status = 'open' THEN 'open' WHEN status = 'submitted' AND on_time THEN 'on-time' WHEN status = 'submitted' THEN 'late' END
      $$;

      -- One function per event: a trigger function may only name the transition tables its trigger declares.
      CREATE FUNCTION case_clock_day_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO case_clock_day_count AS d (product_id, due_on, outcome, clocks)
        SELECT product_id, due_on, case_clock_outcome(status, on_time) AS outcome, count(*) FROM new_rows
         WHERE case_clock_outcome(status, on_time) IS NOT NULL
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (product_id, due_on, outcome) DO UPDATE SET clocks = d.clocks + EXCLUDED.clocks;
        RETURN NULL;
      END
      $$;
      CREATE FUNCTION case_clock_day_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO case_clock_day_count AS d (product_id, due_on, outcome, clocks)
        SELECT product_id, due_on, case_clock_outcome(status, on_time) AS outcome, -count(*) FROM old_rows
         WHERE case_clock_outcome(status, on_time) IS NOT NULL
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (product_id, due_on, outcome) DO UPDATE SET clocks = d.clocks + EXCLUDED.clocks;
        RETURN NULL;
      END
      $$;
      CREATE FUNCTION case_clock_day_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Rows taken away (old) and added (new), netted per key, applied in key order (no deadlock between writers).
        INSERT INTO case_clock_day_count AS d (product_id, due_on, outcome, clocks)
        SELECT product_id, due_on, outcome, sum(delta)
          FROM (
            SELECT product_id, due_on, case_clock_outcome(status, on_time) AS outcome, -1 AS delta FROM old_rows
            UNION ALL
            SELECT product_id, due_on, case_clock_outcome(status, on_time), 1 FROM new_rows
          ) AS changed
         WHERE outcome IS NOT NULL
         GROUP BY product_id, due_on, outcome
        HAVING sum(delta) <> 0
         ORDER BY product_id, due_on, outcome
        ON CONFLICT (product_id, due_on, outcome) DO UPDATE SET clocks = d.clocks + EXCLUDED.clocks;
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER tg_case_clock_day_count_insert AFTER INSERT ON case_clock REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION case_clock_day_count_insert();
      CREATE TRIGGER tg_case_clock_day_count_update AFTER UPDATE ON case_clock REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION case_clock_day_count_update();
      CREATE TRIGGER tg_case_clock_day_count_delete AFTER DELETE ON case_clock REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION case_clock_day_count_delete();

      INSERT INTO case_clock_day_count (product_id, due_on, outcome, clocks)
      SELECT product_id, due_on, case_clock_outcome(status, on_time), count(*) FROM case_clock
       WHERE case_clock_outcome(status, on_time) IS NOT NULL
       GROUP BY 1, 2, 3;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER tg_case_clock_day_count_delete ON case_clock;
      DROP TRIGGER tg_case_clock_day_count_update ON case_clock;
      DROP TRIGGER tg_case_clock_day_count_insert ON case_clock;
      DROP FUNCTION case_clock_day_count_update();
      DROP FUNCTION case_clock_day_count_delete();
      DROP FUNCTION case_clock_day_count_insert();
      DROP FUNCTION case_clock_outcome(text, boolean);
      DROP TABLE case_clock_day_count;
    `);
  }
}
